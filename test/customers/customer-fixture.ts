import type { LightMyRequestResponse } from "fastify";
import type { TestApp } from "../support/context.js";
import type { BuiltStaff } from "../support/factories.js";

type Method = "GET" | "POST" | "PUT" | "DELETE";

/** Calls the app as `staff`, with a JSON body when one is given. */
export function callAs(
  t: TestApp,
  staff: BuiltStaff | null,
  method: Method,
  url: string,
  body?: unknown,
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method,
    url,
    headers: staff ? staff.headers : {},
    ...(body === undefined ? {} : { payload: body as object }),
  });
}

/** Posts CSV text as the raw body, as the web app uploads a file. */
export function postCsv(
  t: TestApp,
  staff: BuiltStaff,
  url: string,
  csv: string | Buffer,
  contentType = "text/csv",
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: "POST",
    url,
    headers: { ...staff.headers, "content-type": contentType },
    payload: csv,
  });
}

/** Returns the `error` of an error response. */
export function errorOf(response: LightMyRequestResponse): {
  code?: string;
  message?: string;
  field?: string;
} {
  return (
    response.json<{ error?: { code?: string; message?: string } }>().error ?? {}
  );
}
