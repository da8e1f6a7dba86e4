import type { ValidateFunction } from "ajv";
import type { RecordedRequest } from "../../../src/sandbox/request-log.js";
import { createAjv, describeErrors, toJsonSchema } from "./schema.js";
import {
  emptyStringProperties,
  expectObject,
  findOperation,
  type Json,
  type Operation,
  type SpecName,
} from "./spec.js";

interface OperationValidators {
  path: ValidateFunction;
  query: ValidateFunction;
  form: ValidateFunction | null;
  response: ValidateFunction;
}

// Requests coerce strings, because form and query values arrive as text.
const requestAjv = createAjv(true);
const responseAjv = createAjv(false);
const cache = new Map<string, OperationValidators>();

/** Requests: parameters the spec does not declare are errors. */
const requestMode = (spec: SpecName) => ({
  spec,
  requireAll: false,
  closed: true,
  emptyAllowed: new Set<string>(),
});

/**
 * Returns the response validator of an operation: every declared property
 * is required, because Twilio sends all of them (null when unset), and ""
 * is allowed where Twilio's own examples send "".
 */
export function responseValidator(operation: Operation): ValidateFunction {
  const schema = toJsonSchema(operation.responseSchema, {
    spec: operation.spec,
    requireAll: true,
    closed: false,
    emptyAllowed: emptyStringProperties(operation.examples),
  });

  return responseAjv.compile(expectObject(schema));
}

function validatorsFor(operationId: string): OperationValidators {
  const cached = cache.get(operationId);
  if (cached) return cached;

  const operation = findOperation(operationId);
  const requestSchema = operation.requestSchema;
  const validators = {
    path: requestAjv.compile(parameterSchema(operation, "path")),
    query: requestAjv.compile(parameterSchema(operation, "query")),
    form: requestSchema
      ? requestAjv.compile(
          expectObject(
            toJsonSchema(requestSchema, requestMode(operation.spec)),
          ),
        )
      : null,
    response: responseValidator(operation),
  };
  cache.set(operationId, validators);

  return validators;
}

/** Returns every way a recorded exchange departs from the operation's spec. */
export function specViolations(
  operationId: string,
  entry: RecordedRequest,
): string[] {
  const operation = findOperation(operationId);
  const validators = validatorsFor(operationId);
  const violations: string[] = [];
  const check = (label: string, validate: ValidateFunction, data: unknown) => {
    // Ajv coerces values in place, so it gets a copy.
    if (validate(structuredClone(data))) return;

    violations.push(
      ...describeErrors(validate).map((error) => `${label} ${error}`),
    );
  };

  if (entry.method !== operation.method) {
    violations.push(`method ${entry.method}, expected ${operation.method}`);
  }
  if (String(entry.statusCode) !== operation.responseStatus) {
    violations.push(
      `status ${entry.statusCode}, expected ${operation.responseStatus}`,
    );
  }
  check("path", validators.path, pathParameters(operation.path, entry.path));
  check("query", validators.query, entry.query);
  if (validators.form) check("form", validators.form, entry.form ?? {});
  check("response", validators.response, entry.responseBody);

  return violations;
}

/** Builds one object schema from the operation's parameters in `place`. */
function parameterSchema(operation: Operation, place: "path" | "query") {
  const own = operation.parameters.filter(
    (parameter) => parameter.in === place,
  );
  const properties: Record<string, Json> = {};
  for (const parameter of own) {
    properties[String(parameter.name)] = toJsonSchema(
      parameter.schema ?? {},
      requestMode(operation.spec),
    );
  }
  const required = own
    .filter((parameter) => parameter.required === true)
    .map((parameter) => String(parameter.name));

  return { type: "object", properties, required, additionalProperties: false };
}

/** Reads the path parameters by matching the spec's path template. */
function pathParameters(template: string, path: string) {
  const names: string[] = [];
  const pattern = template
    .replace(/[.]/g, "\\.")
    .replace(/\{(\w+)\}/g, (_match, name: string) => {
      names.push(name);

      return "([^/]+)";
    });
  const match = new RegExp(`^${pattern}$`).exec(path);
  if (!match) return { unmatchedPath: path };

  return Object.fromEntries(
    names.map((name, index) => [
      name,
      decodeURIComponent(match[index + 1] ?? ""),
    ]),
  );
}
