import type { FastifyInstance } from "fastify";

/** A decoded form or query string; a repeated name keeps every value. */
export type FormFields = Record<string, string | string[]>;

export function parseForm(text: string): FormFields {
  const fields: FormFields = {};
  for (const [name, value] of new URLSearchParams(text)) {
    const existing = fields[name];
    if (existing === undefined) fields[name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else fields[name] = [existing, value];
  }

  return fields;
}

/** Registers the parser for the form bodies twilio-node sends. */
export function registerFormParser(app: FastifyInstance): void {
  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string" },
    (_request, body, done) => {
      done(null, parseForm(typeof body === "string" ? body : body.toString()));
    },
  );
}

export function isFormFields(value: unknown): value is FormFields {
  if (typeof value !== "object" || value === null) return false;

  return Object.values(value).every(
    (field) =>
      typeof field === "string" ||
      (Array.isArray(field) && field.every((item) => typeof item === "string")),
  );
}

/** Returns the fields of a request body or query, or {} for anything else. */
export function toFormFields(value: unknown): FormFields {
  return isFormFields(value) ? value : {};
}

/** Returns the first value of a field, as Twilio reads single parameters. */
export function firstValue(fields: FormFields, name: string) {
  const value = fields[name];

  return Array.isArray(value) ? value[0] : value;
}

export function allValues(fields: FormFields, name: string): string[] {
  const value = fields[name];
  if (value === undefined) return [];

  return Array.isArray(value) ? value : [value];
}
