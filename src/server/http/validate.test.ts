import { describe, expect, test } from "vitest";
import { z } from "zod";
import { buildTestApp } from "../../../test/support/context.js";
import { buildCompany, buildStaff } from "../../../test/support/factories.js";
import { isAppError } from "../errors.js";
import { parseInput } from "./validate.js";

const Schema = z.object({
  name: z.string().min(1).max(5),
  count: z.number().int().positive().optional(),
  tags: z.array(z.string()).max(2).optional(),
  email: z.email().optional(),
  custom: z.string("Enter the custom text.").optional(),
});

/** Returns the 400 that parseInput throws for `input`. */
function rejection(input: unknown) {
  try {
    parseInput(Schema, input);
  } catch (error) {
    if (isAppError(error))
      return { message: error.message, field: error.field };
  }
  throw new Error("parseInput accepted the input");
}

describe("parseInput messages", () => {
  test.each([
    [{ name: 7 }, "name", "name must be a string."],
    [{}, "name", "name is required."],
    [{ name: "" }, "name", "name must not be empty."],
    [{ name: "abcdef" }, "name", "name must be at most 5 characters long."],
    [{ name: "a", count: 0 }, "count", "count must be greater than 0."],
    [{ name: "a", count: 1.5 }, "count", "count must be a whole number."],
    [
      { name: "a", tags: ["x", "y", "z"] },
      "tags",
      "tags must have at most 2 items.",
    ],
    [{ name: "a", tags: [1] }, "tags.0", "tags.0 must be a string."],
    [{ name: "a", email: "nope" }, "email", "email must be an email address."],
  ])("default text for %j", (input, field, message) => {
    const error = rejection(input);

    expect(error.field).toBe(field);
    expect(error.message).toBe(message);
  });

  test("schema message keeps field prefix", () => {
    const error = rejection({ name: "a", custom: 3 });

    expect(error.field).toBe("custom");
    expect(error.message).toBe("custom: Enter the custom text.");
  });

  test.each([[[]], ["text"], [null], [42]])(
    "non-object body %j is named",
    (input) => {
      const error = rejection(input);

      expect(error.field).toBeUndefined();
      expect(error.message).toBe("The request body must be a JSON object.");
    },
  );

  test("missing body counts as empty object", () => {
    expect(rejection(undefined).message).toBe("name is required.");
  });
});

describe("request body validation over http", () => {
  test("json array body gets a clear 400", async () => {
    const t = await buildTestApp();
    const owner = await buildStaff(t.ctx, await buildCompany(t.ctx));

    const response = await t.app.inject({
      method: "PUT",
      url: "/api/company",
      headers: { ...owner.headers, "content-type": "application/json" },
      payload: "[1, 2]",
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error).toEqual({
      code: "validation_failed",
      message: "The request body must be a JSON object.",
    });
    await t.close();
  });
});
