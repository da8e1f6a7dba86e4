import { z } from "zod";
import { errors } from "../errors.js";
import { describeIssue } from "./issue-messages.js";

/**
 * Schema of the body of a route that reads no fields. It accepts no body or
 * an empty object, so a field sent to such a route gets a 400.
 */
export const EmptyBodySchema = z.strictObject({});

/**
 * Parses request input with a zod schema. A failure becomes a 400 that names
 * the first invalid field and what is wrong with it. An unknown field of a
 * strict object schema is reported before other issues, because a misspelled
 * field also leaves the field it was meant to be missing.
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

  const issues = result.error.issues;
  const issue =
    issues.find((candidate) => candidate.code === "unrecognized_keys") ??
    issues[0];
  const field = issue ? fieldOf(issue) : undefined;
  const message = issue?.message ?? "The request is invalid.";
  const named = !field || described.has(message);

  throw errors.validation(named ? message : `${field}: ${message}`, field);
}

/**
 * Returns the dotted path of the field an issue is about, or undefined for
 * the whole input. For unknown fields it is the path of the first one.
 */
function fieldOf(issue: z.core.$ZodIssue): string | undefined {
  const path =
    issue.code === "unrecognized_keys"
      ? [...issue.path, ...issue.keys.slice(0, 1)]
      : issue.path;

  return path.join(".") || undefined;
}
