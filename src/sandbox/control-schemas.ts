import { z } from "zod";

/** A control API failure, sent as {error} with this HTTP status. */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** E.164 phone numbers, as every control request writes them. */
export const e164Schema = z
  .string()
  .regex(/^\+[1-9]\d{6,14}$/, "must be an E.164 number such as +14155550100");

/** Parses a request part with a zod schema; failures become a 400. */
export function parseWith<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;

  const problems = result.error.issues.map(
    (issue) => `${issue.path.join(".") || "body"} ${issue.message}`,
  );
  throw new ControlError(400, `Invalid request: ${problems.join("; ")}.`);
}
