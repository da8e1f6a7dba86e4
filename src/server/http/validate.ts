import type { z } from "zod";
import { errors } from "../errors.js";
import { describeIssue } from "./issue-messages.js";

/**
 * Parses request input with a zod schema. A failure becomes a 400 that names
 * the first invalid field and what is wrong with it.
 */
export function parseInput<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
): z.infer<Schema> {
  // Messages from describeIssue already name their field.
  const described = new Set<string>();
  const result = schema.safeParse(input === undefined ? {} : input, {
    error: (issue) => {
      const message = describeIssue(issue);
      if (message !== undefined) described.add(message);

      return message;
    },
  });
  if (result.success) return result.data;

  const issue = result.error.issues[0];
  const field = issue?.path.join(".") || undefined;
  const message = issue?.message ?? "The request is invalid.";
  const named = !field || described.has(message);

  throw errors.validation(named ? message : `${field}: ${message}`, field);
}
