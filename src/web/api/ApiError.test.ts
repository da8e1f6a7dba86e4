import { describe, expect, it } from "vitest";
import {
  ApiError,
  fieldError,
  isApiErrorBody,
  isFormLevelError,
} from "./ApiError";

describe("isApiErrorBody", () => {
  it("accepts error shape", () => {
    expect(isApiErrorBody({ error: { code: "x", message: "y" } })).toBe(true);
  });

  it.each([
    ["null", null],
    ["string", "error"],
    ["missing message", { error: { code: "x" } }],
    ["numeric code", { error: { code: 1, message: "y" } }],
  ])("rejects %s", (_name, value) => {
    expect(isApiErrorBody(value)).toBe(false);
  });
});

describe("ApiError.fromBody", () => {
  it("keeps listed customers", () => {
    const carla = {
      id: "c1",
      name: "Carla Gomez",
      phone: "+1 (415) 555-0177",
      phoneE164: "+14155550177",
    };

    const error = ApiError.fromBody(409, {
      error: { code: "phone_on_file", message: "Taken.", customers: [carla] },
    });

    expect(error.customers).toEqual([carla]);
  });
});

describe("fieldError", () => {
  const error = new ApiError(400, "validation_failed", "Bad.", "to");

  it("returns message for its field", () => {
    expect(fieldError(error, "to")).toBe("Bad.");
  });

  it("ignores other fields", () => {
    expect(fieldError(error, "body")).toBeUndefined();
  });

  it("matches nested path", () => {
    const nested = new ApiError(400, "validation_failed", "Bad.", "to.0");

    expect(fieldError(nested, "to")).toBe("Bad.");
  });

  it("drops the field path prefix", () => {
    const prefixed = new ApiError(
      400,
      "validation_failed",
      "password: Use at least 10 characters.",
      "password",
    );

    expect(fieldError(prefixed, "password")).toBe(
      "Use at least 10 characters.",
    );
  });
});

describe("isFormLevelError", () => {
  it("is false for a form field", () => {
    const error = new ApiError(400, "validation_failed", "Bad.", "email");

    expect(isFormLevelError(error, ["email", "password"])).toBe(false);
  });

  it("is true without field", () => {
    const error = new ApiError(401, "invalid_credentials", "Wrong.");

    expect(isFormLevelError(error, ["email", "password"])).toBe(true);
  });
});
