import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import {
  dig,
  isObject,
  resolveRef,
  type Json,
  type JsonObject,
  type SpecName,
} from "./spec.js";

export interface ConversionMode {
  /** The spec that $ref pointers resolve in. */
  spec: SpecName;
  /** Responses: every declared property is required, as Twilio sends all. */
  requireAll: boolean;
  /** Requests: a parameter the spec does not declare is an error. */
  closed: boolean;
  /** Properties that may also be "", as Twilio's own examples show. */
  emptyAllowed: Set<string>;
}

/**
 * Converts an OpenAPI 3.0 schema into JSON Schema for Ajv: resolves $ref,
 * turns `nullable: true` into a type array, maps Twilio's object formats to
 * keywords and drops extension keys and examples.
 */
export function toJsonSchema(node: Json, mode: ConversionMode): Json {
  if (Array.isArray(node)) return node.map((item) => toJsonSchema(item, mode));
  if (!isObject(node)) return node;

  if (typeof node.$ref === "string")
    return toJsonSchema(resolveRef(mode.spec, node.$ref), mode);

  const schema: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (
      key.startsWith("x-") ||
      key === "example" ||
      key === "examples" ||
      key === "nullable"
    )
      continue;

    schema[key] =
      key === "properties"
        ? convertProperties(value, mode)
        : toJsonSchema(value, mode);
  }
  applyFormat(schema, node, mode.spec);
  if (node.nullable === true) makeNullable(schema);
  if (isObject(schema.properties)) {
    const names = Object.keys(schema.properties);
    if (mode.requireAll) schema.required = names;
    if (mode.closed) schema.additionalProperties = false;
  }

  return schema;
}

function convertProperties(properties: Json, mode: ConversionMode): Json {
  if (!isObject(properties)) return properties;

  const converted: JsonObject = {};
  for (const [name, property] of Object.entries(properties)) {
    const schema = toJsonSchema(property, mode);
    converted[name] = mode.emptyAllowed.has(name)
      ? { anyOf: [schema, { const: "" }] }
      : schema;
  }

  return converted;
}

/**
 * Link maps hold relative /2010-04-01 paths in that API and absolute URLs
 * in the v1 APIs, as the specs' examples show.
 */
const uriMapPatterns: Record<SpecName, string> = {
  twilio_api_v2010: "^/2010-04-01/",
  twilio_messaging_v1: "^https?://",
};

/**
 * Replaces the formats Twilio gives to objects, which Ajv cannot check,
 * with keywords, and drops formats that Twilio marks `ignoreFormat`.
 */
function applyFormat(schema: JsonObject, original: JsonObject, spec: SpecName) {
  const ignoreFormat = dig(original, ["x-twilio", "ignoreFormat"]) === true;
  if (ignoreFormat) delete schema.format;

  if (schema.format === "uri-map") {
    delete schema.format;
    schema.additionalProperties = {
      type: "string",
      pattern: uriMapPatterns[spec],
    };
  }
  if (schema.format === "phone-number-capabilities") {
    delete schema.format;
    schema.required = ["mms", "sms", "voice", "fax"];
    schema.additionalProperties = false;
  }
}

function makeNullable(schema: JsonObject) {
  if (typeof schema.type === "string") schema.type = [schema.type, "null"];
  if (Array.isArray(schema.enum)) schema.enum = [...schema.enum, null];
}

const rfc2822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$/;

/**
 * Returns an Ajv instance with Twilio's custom formats. `uri` accepts
 * absolute http(s) URLs and the relative /2010-04-01 paths that Twilio sends
 * in uri and *_page_uri, which the spec also marks as format uri.
 */
export function createAjv(coerceTypes: boolean): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    strict: true,
    coerceTypes: coerceTypes ? "array" : false,
  });
  addFormats(ajv, ["date-time", "date"]);
  ajv.addFormat("date-time-rfc-2822", rfc2822);
  ajv.addFormat("phone-number", /^(\w+:)?\+[1-9]\d{1,14}$/);
  ajv.addFormat(
    "uri",
    (value: string) =>
      value.startsWith("/2010-04-01/") || /^https?:\/\/[^\s/]+/.test(value),
  );
  ajv.addFormat("currency", /^[A-Z]{3}$/);
  ajv.addFormat("http-method", /^(GET|POST)$/);
  ajv.addFormat("int64", {
    type: "number",
    validate: (value: number) => Number.isSafeInteger(value),
  });

  return ajv;
}

export function describeErrors(validate: ValidateFunction): string[] {
  return (validate.errors ?? []).map(
    (error) => `${error.instancePath || "/"} ${error.message ?? ""}`,
  );
}
