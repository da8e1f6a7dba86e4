import { readFileSync } from "node:fs";

// Twilio's OpenAPI descriptions (OpenAPI 3.0.1) of the 2010-04-01 API and
// of Messaging v1, as shipped in @twilio-alpha/mcp.
const specDirectory = new URL(
  "../../../node_modules/@twilio-alpha/mcp/twilio-oai/spec/json/",
  import.meta.url,
);

/** The spec files the sandbox implements operations of. */
export type SpecName = "twilio_api_v2010" | "twilio_messaging_v1";

export type Json =
  null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface Operation {
  spec: SpecName;
  path: string;
  method: string;
  parameters: JsonObject[];
  requestSchema: JsonObject | null;
  responseStatus: string;
  responseSchema: JsonObject;
  examples: Json[];
}

const specs: Record<SpecName, JsonObject> = {
  twilio_api_v2010: readSpec("twilio_api_v2010"),
  twilio_messaging_v1: readSpec("twilio_messaging_v1"),
};

function readSpec(name: SpecName): JsonObject {
  const url = new URL(`${name}.json`, specDirectory);

  return JSON.parse(readFileSync(url, "utf8")) as JsonObject;
}

export const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Finds an operation by its operationId, which is unique across the specs. */
export function findOperation(operationId: string): Operation {
  for (const name of Object.keys(specs) as SpecName[]) {
    const operation = findOperationIn(name, operationId);
    if (operation) return operation;
  }
  throw new Error(`No spec has the operation ${operationId}.`);
}

function findOperationIn(
  name: SpecName,
  operationId: string,
): Operation | null {
  const paths = specs[name].paths;
  if (!isObject(paths)) throw new Error(`The spec ${name} has no paths.`);

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
        spec: name,
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

  return null;
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

/** Resolves a local $ref ("#/components/...") inside the spec `name`. */
export function resolveRef(name: SpecName, ref: string): JsonObject {
  const keys = ref.replace(/^#\//, "").split("/");

  return expectObject(dig(specs[name], keys));
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
