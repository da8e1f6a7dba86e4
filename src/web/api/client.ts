import { ApiError, isApiErrorBody } from "./ApiError";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

const csrfMethods: ReadonlySet<Method> = new Set([
  "POST",
  "PUT",
  "PATCH",
  "DELETE",
]);

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

/** Stores the session's CSRF token, sent with every state-changing request. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Registers what to do when the session has ended (a 401 from the API). */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

/** Extra headers for one request, such as `Idempotency-Key`. */
export interface RequestOptions {
  headers?: Record<string, string>;
}

/** A request body as it goes on the wire. */
interface WireBody {
  content: BodyInit;
  contentType: string;
}

/**
 * Sends a JSON request to the API and returns the parsed response body.
 * Throws ApiError for every non-2xx response and for network failures.
 * A 204 response resolves to undefined, so callers type it as `void`.
 */
export async function request<T>(
  method: Method,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<T> {
  const wire =
    body === undefined
      ? undefined
      : { content: JSON.stringify(body), contentType: "application/json" };

  return exchange<T>(method, path, wire, options);
}

/**
 * Sends a file as the raw request body with its own Content-Type, and
 * returns the parsed JSON response like `request`.
 */
export async function requestFile<T>(
  method: Method,
  path: string,
  file: Blob,
  contentType: string,
): Promise<T> {
  return exchange<T>(method, path, { content: file, contentType }, {});
}

async function exchange<T>(
  method: Method,
  path: string,
  body: WireBody | undefined,
  options: RequestOptions,
): Promise<T> {
  const response = await send(method, path, body, options);
  if (response.ok) return (await readBody(response)) as T;

  const error = await readError(response);
  // Only an ended session sends the user back to sign in. A failed login
  // also returns 401, but with its own code, so it stays on the form.
  if (error.code === "unauthenticated") onUnauthenticated?.();

  throw error;
}

async function send(
  method: Method,
  path: string,
  body: WireBody | undefined,
  options: RequestOptions,
) {
  const headers: Record<string, string> = {
    ...options.headers,
    Accept: "application/json",
  };
  if (body !== undefined) headers["Content-Type"] = body.contentType;
  if (csrfToken && csrfMethods.has(method)) {
    headers["X-CSRF-Token"] = csrfToken;
  }

  try {
    return await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      body: body?.content,
    });
  } catch {
    throw ApiError.network();
  }
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;

  const text = await response.text();
  if (text === "") return undefined;

  try {
    return JSON.parse(text);
  } catch {
    throw ApiError.unexpected(response.status);
  }
}

async function readError(response: Response): Promise<ApiError> {
  try {
    const body: unknown = await response.json();
    if (isApiErrorBody(body)) return ApiError.fromBody(response.status, body);
  } catch {
    // Not JSON, such as a proxy's HTML error page; reported below.
  }

  return ApiError.unexpected(response.status);
}

/** Builds a query string from the defined values, with a leading "?". */
export function query(params: Record<string, string | null | undefined>) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined) search.set(key, value);
  }

  const text = search.toString();
  return text === "" ? "" : `?${text}`;
}
