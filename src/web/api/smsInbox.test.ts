import { afterEach, describe, expect, it, vi } from "vitest";
import { setCsrfToken } from "./client";
import { inboxApi } from "./smsInbox";

function stubFetch(status: number, body: unknown) {
  const fetchMock = vi.fn<typeof fetch>(
    async () =>
      new Response(JSON.stringify(body), {
        status,
        headers: { "Content-Type": "application/json" },
      }),
  );
  vi.stubGlobal("fetch", fetchMock);

  return fetchMock;
}

function sentRequest(fetchMock: ReturnType<typeof stubFetch>) {
  const [path, init] = fetchMock.mock.calls[0] ?? [];
  if (!init) throw new Error("fetch was not called with options");

  return { path, init, headers: new Headers(init.headers) };
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

describe("inboxApi sends", () => {
  it("reply carries idempotency key", async () => {
    const fetchMock = stubFetch(201, {});
    setCsrfToken("token-1");

    await inboxApi.reply("c1", { body: "Hi", mediaIds: ["u1"] }, "key-1");

    const sent = sentRequest(fetchMock);
    expect(sent.path).toBe("/api/plugins/sms-chat/conversations/c1/messages");
    expect(sent.headers.get("Idempotency-Key")).toBe("key-1");
    expect(sent.headers.get("X-CSRF-Token")).toBe("token-1");
    expect(JSON.parse(String(sent.init.body))).toEqual({
      body: "Hi",
      mediaIds: ["u1"],
    });
  });

  it("new conversation carries idempotency key", async () => {
    const fetchMock = stubFetch(201, {});

    await inboxApi.startConversation({ to: "+14155550199", body: "Hi" }, "k2");

    const sent = sentRequest(fetchMock);
    expect(sent.path).toBe("/api/plugins/sms-chat/conversations");
    expect(sent.headers.get("Idempotency-Key")).toBe("k2");
  });

  it("retry posts to message route", async () => {
    const fetchMock = stubFetch(200, { id: "m 1" });
    setCsrfToken("token-1");

    await inboxApi.retryMessage("m 1");

    const sent = sentRequest(fetchMock);
    expect(sent.path).toBe("/api/plugins/sms-chat/messages/m%201/retry");
    expect(sent.init.method).toBe("POST");
    expect(sent.headers.get("X-CSRF-Token")).toBe("token-1");
  });

  it("retry surfaces the conflict message", async () => {
    const body = {
      error: { code: "message_not_retryable", message: "Opted out." },
    };
    stubFetch(409, body);

    const error = await inboxApi.retryMessage("m1").catch((e: unknown) => e);

    expect(error).toMatchObject({ status: 409, message: "Opted out." });
  });
});

describe("inboxApi.upload", () => {
  it("sends file with name and type", async () => {
    const fetchMock = stubFetch(201, { uploadId: "u1" });
    const file = new File(["%PDF"], "menu card.pdf", {
      type: "application/pdf",
    });

    await inboxApi.upload(file);

    const sent = sentRequest(fetchMock);
    expect(sent.path).toBe(
      "/api/plugins/sms-chat/uploads?filename=menu+card.pdf",
    );
    expect(sent.headers.get("Content-Type")).toBe("application/pdf");
    expect(sent.init.body).toBe(file);
  });

  it("labels unknown types as octet-stream", async () => {
    const fetchMock = stubFetch(201, { uploadId: "u1" });

    await inboxApi.upload(new File(["x"], "notes.xyz"));

    const sent = sentRequest(fetchMock);
    expect(sent.headers.get("Content-Type")).toBe("application/octet-stream");
  });
});
