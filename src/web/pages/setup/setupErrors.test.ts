import { describe, expect, it } from "vitest";
import { setupFieldErrors } from "./setupErrors";

const valid = {
  companyName: "Acme Dental",
  country: "US",
  ownerName: "Ada Lovelace",
  ownerEmail: "ada@example.com",
  password: "long enough password",
};

describe("setupFieldErrors", () => {
  it("accepts a valid form", () => {
    expect(setupFieldErrors(valid)).toEqual({});
  });

  it("reports every invalid field", () => {
    const errors = setupFieldErrors({
      ...valid,
      companyName: "  ",
      ownerName: "x".repeat(101),
      ownerEmail: "ada@",
      password: "short",
    });

    expect(errors).toEqual({
      companyName: "Enter the company name.",
      ownerName: "Use at most 100 characters for the owner's name.",
      ownerEmail: "Enter a valid email address, such as ada@example.com.",
      password: "Use a password of at least 10 characters.",
    });
  });

  it("asks for missing email and password", () => {
    const errors = setupFieldErrors({ ...valid, ownerEmail: "", password: "" });

    expect(errors.ownerEmail).toBe("Enter an email address.");
    expect(errors.password).toBe("Enter a password.");
  });

  it("accepts email with surrounding spaces", () => {
    expect(
      setupFieldErrors({ ...valid, ownerEmail: " ada@example.com " }),
    ).toEqual({});
  });

  it("rejects a password over 1000 characters", () => {
    const errors = setupFieldErrors({ ...valid, password: "p".repeat(1001) });

    expect(errors.password).toBe("Use a password of at most 1000 characters.");
  });
});
