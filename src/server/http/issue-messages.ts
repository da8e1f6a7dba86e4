import { z } from "zod";

type RawIssue = z.core.$ZodRawIssue;

/** Maximum number of unknown fields one message names. It counts the rest. */
const MAX_LISTED_FIELDS = 5;
/** Maximum characters of an unknown field's name that a message repeats. */
const MAX_FIELD_NAME_LENGTH = 60;

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
  if (issue.code === "unrecognized_keys") {
    return describeUnknownFields(path, issue.keys, issue.inst);
  }
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

/**
 * Describes the fields of an object that a strict schema does not declare.
 * `schema` is the object schema, whose declared fields the message lists.
 */
function describeUnknownFields(
  path: readonly PropertyKey[],
  keys: readonly string[],
  schema: unknown,
): string {
  const where =
    path.length === 0 ? "The request body" : path.map(String).join(".");
  const found =
    keys.length === 1
      ? `an unknown field, ${listUnknownFields(keys)}`
      : `unknown fields: ${listUnknownFields(keys)}`;
  const accepted =
    schema instanceof z.core.$ZodObject
      ? Object.keys(schema._zod.def.shape)
      : [];

  if (accepted.length === 0) {
    const fix =
      path.length === 0
        ? "This request takes no fields, so send no body or an empty JSON object."
        : `${where} takes no fields, so send an empty object.`;

    return `${where} contains ${found}. ${fix}`;
  }

  const acceptedText =
    accepted.length === 1
      ? `The only accepted field is ${accepted[0]}.`
      : `The accepted fields are ${accepted.join(", ")}.`;
  const fix =
    keys.length === 1
      ? "Correct the field's name or remove the field."
      : "Correct the fields' names or remove the fields.";

  return `${where} contains ${found}. ${acceptedText} ${fix}`;
}

/** Quotes the first few names as JSON strings and counts the rest. */
function listUnknownFields(keys: readonly string[]): string {
  const quoted = keys.slice(0, MAX_LISTED_FIELDS).map((key) => {
    const characters = Array.from(key);
    const shortened =
      characters.length > MAX_FIELD_NAME_LENGTH
        ? `${characters.slice(0, MAX_FIELD_NAME_LENGTH).join("")}…`
        : key;

    return JSON.stringify(shortened);
  });
  const more = keys.length - quoted.length;

  return more > 0 ? `${quoted.join(", ")} and ${more} more` : quoted.join(", ");
}
