import type { z } from "zod";
import { errors } from "../errors.js";

/**
 * Parses request input with a zod schema. A failure becomes a 400 that names
 * the first invalid field and what is wrong with it.
 */
export function parseInput<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
): z.infer<Schema> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;

  const issue = result.error.issues[0];
  const field = issue?.path.join(".") || undefined;
  const message = issue?.message ?? "Invalid input.";

  throw errors.validation(field ? `${field}: ${message}` : message, field);
}
