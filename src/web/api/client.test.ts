import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "./ApiError";
import {
  query,
  request,
  requestFile,
  setCsrfToken,
  setUnauthenticatedHandler,
} from "./client";

function jsonResponse(status: number, body: unknown) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json" },
  });
}

function stubFetch(response: Response) {
  const fetchMock = vi.fn<typeof fetch>(async () => response);
  vi.stubGlobal("fetch", fetchMock);

  return fetchMock;
}

function sentHeaders(fetchMock: ReturnType<typeof stubFetch>) {
  const init = fetchMock.mock.calls[0]?.[1];
  if (!init) throw new Error("fetch was not called with options");

  return new Headers(init.headers);
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
  setUnauthenticatedHandler(null);
});

describe("request", () => {
  it("sends csrf token on post", async () => {
    const fetchMock = stubFetch(new Response(null, { status: 204 }));
    setCsrfToken("token-1");

    await request<void>("POST", "/api/auth/logout");

    expect(sentHeaders(fetchMock).get("X-CSRF-Token")).toBe("token-1");
  });

  it("omits csrf token on get", async () => {
    const fetchMock = stubFetch(jsonResponse(200, { needsSetup: false }));
    setCsrfToken("token-1");

    await request("GET", "/api/setup/status");

    expect(sentHeaders(fetchMock).get("X-CSRF-Token")).toBeNull();
  });

  it("returns parsed json body", async () => {
    stubFetch(jsonResponse(200, { needsSetup: true }));

    const body = await request<{ needsSetup: boolean }>("GET", "/x");

    expect(body).toEqual({ needsSetup: true });
  });

  it("turns error body into ApiError", async () => {
    const body = {
      error: { code: "validation_failed", message: "Too short.", field: "to" },
    };
    stubFetch(jsonResponse(400, body));

    const error = await request("POST", "/x", {}).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: "validation_failed",
      message: "Too short.",
      field: "to",
    });
  });

  it("reports non-json errors as unexpected", async () => {
    stubFetch(new Response("<html>Bad gateway</html>", { status: 502 }));

    const error = await request("GET", "/x").catch((e: unknown) => e);

    expect(error).toMatchObject({ status: 502, code: "unexpected_response" });
  });

  it("reports network failure", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => Promise.reject(new TypeError())),
    );

    const error = await request("GET", "/x").catch((e: unknown) => e);

    expect(error).toMatchObject({ status: 0, code: "network_error" });
  });

  it("calls handler on ended session", async () => {
    const body = { error: { code: "unauthenticated", message: "Sign in." } };
    stubFetch(jsonResponse(401, body));
    const handler = vi.fn();
    setUnauthenticatedHandler(handler);

    await request("GET", "/api/auth/me").catch(() => undefined);

    expect(handler).toHaveBeenCalledOnce();
  });

  it("keeps failed login on form", async () => {
    const body = { error: { code: "invalid_credentials", message: "No." } };
    stubFetch(jsonResponse(401, body));
    const handler = vi.fn();
    setUnauthenticatedHandler(handler);

    await request("POST", "/api/auth/login", {}).catch(() => undefined);

    expect(handler).not.toHaveBeenCalled();
  });
});

describe("request options", () => {
  it("sends extra headers", async () => {
    const fetchMock = stubFetch(jsonResponse(201, {}));

    await request(
      "POST",
      "/x",
      { body: "Hi" },
      {
        headers: { "Idempotency-Key": "key-1" },
      },
    );

    const headers = sentHeaders(fetchMock);
    expect(headers.get("Idempotency-Key")).toBe("key-1");
    expect(headers.get("Content-Type")).toBe("application/json");
  });
});

describe("requestFile", () => {
  it("sends raw file with type", async () => {
    const fetchMock = stubFetch(jsonResponse(201, { uploadId: "u1" }));
    setCsrfToken("token-1");
    const file = new Blob(["GIF89a"], { type: "image/gif" });

    const result = await requestFile("POST", "/up", file, "image/gif");

    const headers = sentHeaders(fetchMock);
    expect(result).toEqual({ uploadId: "u1" });
    expect(headers.get("Content-Type")).toBe("image/gif");
    expect(headers.get("X-CSRF-Token")).toBe("token-1");
    expect(fetchMock.mock.calls[0]?.[1]?.body).toBe(file);
  });

  it("turns rejected upload into ApiError", async () => {
    const body = { error: { code: "media_too_large", message: "Too big." } };
    stubFetch(jsonResponse(413, body));
    const file = new Blob(["x"], { type: "image/png" });

    const error = await requestFile("POST", "/up", file, "image/png").catch(
      (e: unknown) => e,
    );

    expect(error).toMatchObject({ status: 413, code: "media_too_large" });
  });
});

describe("query", () => {
  it("skips null and undefined values", () => {
    expect(query({ cursor: "a b", before: null, other: undefined })).toBe(
      "?cursor=a+b",
    );
  });

  it("returns empty string without values", () => {
    expect(query({ cursor: null })).toBe("");
  });
});
