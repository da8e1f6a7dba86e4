import type { LightMyRequestResponse } from "fastify";
import type { TestApp } from "../support/context.js";
import type { BuiltStaff } from "../support/factories.js";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Sends a JSON request to the app as `staff`, or signed out when null. */
export function callAs(
  t: TestApp,
  staff: Pick<BuiltStaff, "headers"> | null,
  method: Method,
  url: string,
  body?: object,
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...(staff?.headers ?? {}) };
  if (body !== undefined) headers["content-type"] = "application/json";

  return t.app.inject({
    method,
    url,
    headers,
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
}

/** Returns the `error.code` of an error response. */
export function errorCodeOf(response: LightMyRequestResponse): string {
  return response.json<{ error: { code: string } }>().error.code;
}

export function errorMessageOf(response: LightMyRequestResponse): string {
  return response.json<{ error: { message: string } }>().error.message;
}

/** Returns the session cookie a response set, as a Cookie header value. */
export function sessionCookieOf(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find(
    (candidate) => candidate.name === "sms_inbox_session",
  );
  if (!cookie) throw new Error("the response set no session cookie");

  return `${cookie.name}=${cookie.value}`;
}

/** Loads a company's audit entries with `action`, newest first. */
export async function auditRows(t: TestApp, companyId: string, action: string) {
  return t.ctx.db
    .selectFrom("audit_events")
    .selectAll()
    .where("company_id", "=", companyId)
    .where("action", "=", action)
    .orderBy("created_at", "desc")
    .execute();
}
