import { describe, expect, test } from "vitest";
import { z } from "zod";
import { buildTestApp } from "../../../test/support/context.js";
import { buildCompany, buildStaff } from "../../../test/support/factories.js";
import { isAppError } from "../errors.js";
import { EmptyBodySchema, parseInput } from "./validate.js";

const Schema = z.object({
  name: z.string().min(1).max(5),
  count: z.number().int().positive().optional(),
  tags: z.array(z.string()).max(2).optional(),
  email: z.email().optional(),
  custom: z.string("Enter the custom text.").optional(),
});

const StrictSchema = z.strictObject({
  name: z.string(),
  phone: z.string().optional(),
  numbers: z
    .array(z.strictObject({ numberId: z.string(), url: z.string() }))
    .optional(),
});

/** Returns the 400 that parseInput throws for `input`. */
function rejection(input: unknown, schema: z.ZodType = Schema) {
  try {
    parseInput(schema, input);
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

describe("parseInput unknown fields", () => {
  test("names one unknown field", () => {
    const error = rejection({ name: "a", nmae: "b" }, StrictSchema);

    expect(error.field).toBe("nmae");
    expect(error.message).toBe(
      'The request body contains an unknown field, "nmae". The accepted fields are name, phone, numbers. Correct the field\'s name or remove the field.',
    );
  });

  test("unknown field comes before missing field", () => {
    const error = rejection({ nmae: "a" }, StrictSchema);

    expect(error.field).toBe("nmae");
    expect(error.message).toContain('unknown field, "nmae"');
  });

  test("names several unknown fields", () => {
    const error = rejection({ name: "a", nmae: 1, phnoe: 2 }, StrictSchema);

    expect(error.field).toBe("nmae");
    expect(error.message).toBe(
      'The request body contains unknown fields: "nmae", "phnoe". The accepted fields are name, phone, numbers. Correct the fields\' names or remove the fields.',
    );
  });

  test("counts unknown fields past five", () => {
    const input = {
      name: "a",
      f1: 1,
      f2: 2,
      f3: 3,
      f4: 4,
      f5: 5,
      f6: 6,
      f7: 7,
    };

    const error = rejection(input, StrictSchema);

    expect(error.message).toContain(
      'unknown fields: "f1", "f2", "f3", "f4", "f5" and 2 more.',
    );
  });

  test("shortens a long unknown name", () => {
    const error = rejection({ name: "a", ["x".repeat(500)]: 1 }, StrictSchema);

    expect(error.field).toBe("x".repeat(500));
    expect(error.message).toContain(`"${"x".repeat(60)}…"`);
    expect(error.message).not.toContain("x".repeat(61));
  });

  test("quotes names as JSON strings", () => {
    const error = rejection({ name: "a", 'say "hi"\n': 1 }, StrictSchema);

    expect(error.message).toContain('unknown field, "say \\"hi\\"\\n".');
  });

  test("names unknown field of nested object", () => {
    const input = {
      name: "a",
      numbers: [
        { numberId: "n", url: "u" },
        { numberId: "m", url: "v", id: 1 },
      ],
    };

    const error = rejection(input, StrictSchema);

    expect(error.field).toBe("numbers.1.id");
    expect(error.message).toBe(
      'numbers.1 contains an unknown field, "id". The accepted fields are numberId, url. Correct the field\'s name or remove the field.',
    );
  });

  test("names the only accepted field", () => {
    const schema = z.strictObject({ password: z.string() });

    const error = rejection({ password: "p", passwrod: "q" }, schema);

    expect(error.message).toContain("The only accepted field is password.");
  });

  test("empty body schema takes no fields", () => {
    const error = rejection({ reason: "x" }, EmptyBodySchema);

    expect(error.field).toBe("reason");
    expect(error.message).toBe(
      'The request body contains an unknown field, "reason". This request takes no fields, so send no body or an empty JSON object.',
    );
  });

  test("empty body schema accepts no body and {}", () => {
    expect(parseInput(EmptyBodySchema, undefined)).toEqual({});
    expect(parseInput(EmptyBodySchema, {})).toEqual({});
  });

  test("loose object schema still strips unknown fields", () => {
    expect(parseInput(Schema, { name: "a", extra: 1 })).toEqual({ name: "a" });
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
