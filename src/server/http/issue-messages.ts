import type { z } from "zod";

type RawIssue = z.core.$ZodRawIssue;

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "an object",
  date: "a date",
};

const FORMAT_NAMES: Readonly<Record<string, string>> = {
  email: "an email address",
  url: "a URL",
  uuid: "a UUID",
  datetime: "an ISO 8601 date and time",
  date: "an ISO 8601 date",
  e164: "a phone number in E.164 format, such as +14155550100",
};

/**
 * Describes the zod issues whose default English text is hard to read, such
 * as "Invalid input: expected string, received number". Each message names
 * the field itself. Returns undefined for other issues, which keep zod's
 * text. Zod calls this only for checks that carry no message of their own.
 */
export function describeIssue(issue: RawIssue): string | undefined {
  const path = issue.path ?? [];
  if (path.length === 0) {
    return issue.code === "invalid_type" && issue.expected === "object"
      ? "The request body must be a JSON object."
      : undefined;
  }

  const field = path.map(String).join(".");
  switch (issue.code) {
    case "invalid_type":
      return describeType(field, issue.expected, issue.input);
    case "too_small":
      return describeSize(field, issue.origin, "least", issue.minimum, issue);
    case "too_big":
      return describeSize(field, issue.origin, "most", issue.maximum, issue);
    case "invalid_format":
      return `${field} must be ${FORMAT_NAMES[issue.format] ?? `in the ${issue.format} format`}.`;
    default:
      return undefined;
  }
}

function describeType(field: string, expected: string, input: unknown) {
  if (input === undefined) return `${field} is required.`;

  return `${field} must be ${TYPE_NAMES[expected] ?? expected}.`;
}

function describeSize(
  field: string,
  origin: string,
  bound: "least" | "most",
  limit: number | bigint,
  options: { inclusive?: boolean | undefined },
): string {
  if (origin === "string") {
    if (bound === "least" && limit === 1) return `${field} must not be empty.`;

    return `${field} must be at ${bound} ${limit} characters long.`;
  }

  if (origin === "array" || origin === "set") {
    const items = limit === 1 ? "item" : "items";

    return `${field} must have at ${bound} ${limit} ${items}.`;
  }

  if (options.inclusive === false) {
    return `${field} must be ${bound === "least" ? "greater" : "less"} than ${limit}.`;
  }

  return `${field} must be at ${bound} ${limit}.`;
}
