import { readFileSync } from "node:fs";

// Twilio's OpenAPI description of the 2010-04-01 API (OpenAPI 3.0.1), as
// shipped in @twilio-alpha/mcp.
const specUrl = new URL(
  "../../../node_modules/@twilio-alpha/mcp/twilio-oai/spec/json/twilio_api_v2010.json",
  import.meta.url,
);

export type Json =
  null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface Operation {
  path: string;
  method: string;
  parameters: JsonObject[];
  requestSchema: JsonObject | null;
  responseStatus: string;
  responseSchema: JsonObject;
  examples: Json[];
}

const spec = JSON.parse(readFileSync(specUrl, "utf8")) as JsonObject;

export const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export function findOperation(operationId: string): Operation {
  const paths = spec.paths;
  if (!isObject(paths)) throw new Error("The spec has no paths.");

  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;

    for (const [method, operation] of Object.entries(item)) {
      if (!isObject(operation) || operation.operationId !== operationId)
        continue;

      const parameters = Array.isArray(operation.parameters)
        ? operation.parameters
        : [];
      const body = dig(operation, [
        "requestBody",
        "content",
        "application/x-www-form-urlencoded",
        "schema",
      ]);
      const responses = isObject(operation.responses)
        ? operation.responses
        : {};
      const responseStatus =
        Object.keys(responses).find((status) => status.startsWith("2")) ?? "";
      const content = dig(responses, [
        responseStatus,
        "content",
        "application/json",
      ]);
      const examples =
        isObject(content) && isObject(content.examples)
          ? Object.values(content.examples)
          : [];

      return {
        path,
        method: method.toUpperCase(),
        parameters: parameters.filter(isObject),
        requestSchema: isObject(body) ? body : null,
        responseStatus,
        responseSchema: expectObject(dig(content ?? null, ["schema"])),
        examples: examples.map((example) =>
          isObject(example) ? (example.value ?? null) : null,
        ),
      };
    }
  }
  throw new Error(`The spec has no operation ${operationId}.`);
}

export function dig(node: Json | undefined, keys: string[]): Json | undefined {
  let current = node;
  for (const key of keys)
    current = isObject(current) ? current[key] : undefined;

  return current;
}

export function expectObject(node: Json | undefined): JsonObject {
  if (!isObject(node)) throw new Error("Expected a schema object in the spec.");

  return node;
}

export function resolveRef(ref: string): JsonObject {
  const keys = ref.replace(/^#\//, "").split("/");

  return expectObject(dig(spec, keys));
}

/** Returns the names of properties that Twilio's own examples send as "". */
export function emptyStringProperties(examples: Json[]): Set<string> {
  const names = new Set<string>();
  const walk = (node: Json) => {
    if (Array.isArray(node)) node.forEach(walk);
    if (!isObject(node)) return;

    for (const [key, value] of Object.entries(node)) {
      if (value === "") names.add(key);
      walk(value);
    }
  };
  examples.forEach(walk);

  return names;
}
