import { randomUUID } from "node:crypto";
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Database } from "../../src/server/db/schema.js";
import { signedWebhookRequest } from "../support/twilio-signing.js";
import {
  API,
  buildTenant,
  seedInbound,
  sentTexts,
  settleOutbox,
  startInboxServer,
  type InboxServer,
  type Tenant,
} from "../inbox/inbox-fixture.js";
import {
  PUBLIC_URL,
  inboundParams,
  randomSid,
} from "../webhook/webhook-fixture.js";

const WEBHOOK = "/v1/plugins/sms-chat/webhook";
const STATUS = "/v1/plugins/sms-chat/status";
const PUBLIC_MEDIA = "/v1/plugins/sms-chat/media";
const JSON_TYPE = "application/json";
const FORM_TYPE = "application/x-www-form-urlencoded";

/** Tables a rejected request must leave as they were. */
const WATCHED: (keyof Database)[] = [
  "companies",
  "staff",
  "sessions",
  "conversations",
  "messages",
  "message_media",
  "outbox_jobs",
  "idempotency_keys",
  "inbox_numbers",
  "media_uploads",
  "opt_outs",
  "inbox_events",
  "audit_events",
];

let server: InboxServer;
let tenant: Tenant;
let conversationId: string;

beforeAll(async () => {
  server = await startInboxServer();
  tenant = await buildTenant(server);
  const seeded = await seedInbound(server.ctx, tenant.company, {
    from: "+14155550123",
  });
  conversationId = seeded.conversationId;
});

afterAll(async () => {
  await server.close();
});

/** Counts rows once queued sends are done, which add events as they go. */
async function countRows(): Promise<Record<string, number>> {
  await settleOutbox(server);
  const counts: Record<string, number> = {};
  for (const table of WATCHED) {
    const row = await server.ctx.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.count);
  }

  return counts;
}

/** Headers of a signed-in owner's JSON request. */
function ownerHeaders(contentType = JSON_TYPE): Record<string, string> {
  return {
    cookie: tenant.owner.cookie,
    "x-csrf-token": tenant.owner.csrfToken,
    "idempotency-key": randomUUID(),
    "content-type": contentType,
  };
}

interface JsonEndpoint {
  name: string;
  url: () => string;
  /** A body the endpoint accepts, which cases break one way or another. */
  valid: () => Record<string, unknown>;
  signedIn: boolean;
}

const jsonEndpoints: JsonEndpoint[] = [
  {
    name: "login",
    url: () => "/api/auth/login",
    valid: () => ({ email: tenant.owner.email, password: "wrong password" }),
    signedIn: false,
  },
  {
    name: "setup",
    url: () => "/api/setup",
    valid: () => ({
      companyName: "Second Co",
      ownerName: "Ada",
      ownerEmail: "ada@example.com",
      password: "a long enough password",
    }),
    signedIn: false,
  },
  {
    name: "reply",
    url: () => `${API}/conversations/${conversationId}/messages`,
    valid: () => ({ body: "See you at 10" }),
    signedIn: true,
  },
  {
    name: "new conversation",
    url: () => `${API}/conversations`,
    valid: () => ({ to: "+14155550177", body: "Your table is ready" }),
    signedIn: true,
  },
  {
    name: "add number",
    url: () => `${API}/numbers`,
    valid: () => ({ phoneNumber: "+14155550188" }),
    signedIn: true,
  },
];

interface BadJson {
  name: string;
  /** Builds the payload from the endpoint's valid body. */
  payload: (valid: Record<string, unknown>) => string | Buffer;
  contentType?: string;
  status: number;
  code: RegExp;
  /** Text the error message must contain. */
  message?: RegExp;
}

const badJson: BadJson[] = [
  {
    name: "malformed JSON",
    payload: () => '{"body": "unclosed',
    status: 400,
    code: /^invalid_json$/,
    message: /JSON/,
  },
  {
    name: "empty JSON body",
    payload: () => "",
    status: 400,
    code: /^(invalid_json|validation_failed)$/,
  },
  {
    name: "JSON array",
    payload: () => "[]",
    status: 400,
    code: /^validation_failed$/,
  },
  {
    name: "JSON null",
    payload: () => "null",
    status: 400,
    code: /^validation_failed$/,
  },
  {
    name: "missing fields",
    payload: () => "{}",
    status: 400,
    code: /^validation_failed$/,
  },
  {
    name: "fields of wrong types",
    payload: (valid) =>
      JSON.stringify(
        Object.fromEntries(Object.keys(valid).map((key) => [key, [42]])),
      ),
    status: 400,
    code: /^validation_failed$/,
  },
  {
    name: "__proto__ key",
    payload: (valid) =>
      `{"__proto__": {"isAdmin": true}, ${JSON.stringify(valid).slice(1, -1)}, "constructor": {"prototype": {"isAdmin": true}}}`,
    status: 400,
    code: /^(invalid_json|validation_failed)$/,
  },
  {
    name: "oversized body",
    payload: (valid) =>
      JSON.stringify({ ...valid, padding: "x".repeat(1024 * 1024 + 1) }),
    status: 413,
    code: /^body_too_large$/,
    message: /1 MB/,
  },
  {
    name: "plain text content type",
    payload: (valid) => JSON.stringify(valid),
    contentType: "text/plain",
    status: 415,
    code: /^unsupported_media_type$/,
  },
  {
    name: "form content type",
    payload: () => "body=hello&to=%2B14155550177",
    contentType: FORM_TYPE,
    status: 415,
    code: /^unsupported_media_type$/,
  },
  {
    name: "non-UTF-8 bytes",
    payload: (valid) =>
      Buffer.concat([
        Buffer.from(JSON.stringify(valid).slice(0, -1)),
        Buffer.from(', "x": "'),
        Buffer.from([0xff, 0xfe, 0xc3]),
        Buffer.from('"}'),
      ]),
    status: 400,
    code: /^invalid_json$/,
    message: /UTF-8/,
  },
];

describe.each(jsonEndpoints.map((endpoint) => [endpoint.name, endpoint]))(
  "%s rejects bad JSON",
  (_, endpoint) => {
    test.each(badJson.map((bad) => [bad.name, bad]))("%s", async (__, bad) => {
      const before = await countRows();
      const headers = endpoint.signedIn
        ? ownerHeaders(bad.contentType)
        : { "content-type": bad.contentType ?? JSON_TYPE };

      const response = await server.test.app.inject({
        method: "POST",
        url: endpoint.url(),
        headers,
        payload: bad.payload(endpoint.valid()),
      });

      expect(response.statusCode).toBe(bad.status);
      const { error } = response.json<{
        error: { code: string; message: string };
      }>();
      expect(error.code).toMatch(bad.code);
      expect(error.message.length).toBeGreaterThan(10);
      if (bad.message) expect(error.message).toMatch(bad.message);
      expect(await countRows()).toEqual(before);
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    });
  },
);

describe("message body length", () => {
  const tooLong = "a".repeat(1_601);
  test.each([
    ["reply", () => `${API}/conversations/${conversationId}/messages`, {}],
    ["new conversation", () => `${API}/conversations`, { to: "+14155550177" }],
  ])("%s over 1,600 characters gets 400", async (_, url, extra) => {
    const before = await countRows();

    const response = await server.test.app.inject({
      method: "POST",
      url: url(),
      headers: ownerHeaders(),
      payload: { ...extra, body: tooLong },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe("validation_failed");
    expect(response.json().error.message).toContain("1,600 characters");
    expect(await countRows()).toEqual(before);
  });

  test("801 emoji count as 1,602 characters", async () => {
    const before = await countRows();

    const response = await server.test.app.inject({
      method: "POST",
      url: `${API}/conversations/${conversationId}/messages`,
      headers: ownerHeaders(),
      payload: { body: "😀".repeat(801) },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toBe(
      "body: A text can be at most 1,600 characters, and an emoji counts as 2. Shorten the message or send it as several texts.",
    );
    expect(await countRows()).toEqual(before);
  });

  test("exactly 1,600 characters is queued", async () => {
    const response = await server.test.app.inject({
      method: "POST",
      url: `${API}/conversations/${conversationId}/messages`,
      headers: ownerHeaders(),
      payload: { body: "b".repeat(1_600) },
    });

    expect(response.statusCode).toBe(201);
  });
});

describe("invalid phone numbers", () => {
  test.each([
    ["letters", "call me maybe"],
    ["too short", "+1 2"],
    ["too long", "+1 415 555 0100 0100 0100"],
    ["only punctuation", "()-.+"],
    ["unknown country code", "+999 1234 5678"],
  ])("%s is rejected", async (_, phoneNumber) => {
    for (const [url, payload] of [
      [`${API}/conversations`, { to: phoneNumber, body: "Hello" }],
      [`${API}/numbers`, { phoneNumber }],
    ] as const) {
      const before = await countRows();

      const response = await server.test.app.inject({
        method: "POST",
        url,
        headers: ownerHeaders(),
        payload,
      });

      expect(response.statusCode, url).toBe(400);
      expect(response.json().error.code, url).toBe("validation_failed");
      expect(await countRows()).toEqual(before);
    }
  });
});

interface BadForm {
  name: string;
  request: (path: string) => InjectOptions;
  status: number;
  code: RegExp;
}

/** Signs `params` for `path` with the tenant's auth token. */
function signed(path: string, params: Record<string, string>) {
  return signedWebhookRequest(
    `${PUBLIC_URL}${path}`,
    params,
    tenant.connection.authToken,
  );
}

/**
 * Parameters Twilio posts to `path`. A status callback comes from the
 * company's number and carries MessageStatus.
 */
function validParams(path: string): Record<string, string> {
  const params = inboundParams(tenant.connection, {
    From: "+14155550166",
  }) as Record<string, string>;

  return path.startsWith(STATUS)
    ? {
        ...params,
        From: tenant.connection.defaultNumber,
        To: "+14155550166",
        SmsStatus: "delivered",
        MessageStatus: "delivered",
      }
    : params;
}

const badForms: BadForm[] = [
  {
    name: "JSON content type",
    request: (path) => ({
      ...signed(path, validParams(path)),
      headers: {
        ...signed(path, validParams(path)).headers,
        "content-type": JSON_TYPE,
      },
      payload: JSON.stringify(validParams(path)),
    }),
    status: 415,
    code: /^webhook_unsupported_media_type$/,
  },
  {
    name: "no content type",
    request: (path) => {
      const { headers, ...rest } = signed(path, validParams(path));
      const { "content-type": _, ...others } = headers;

      return { ...rest, headers: others };
    },
    status: 415,
    code: /^webhook_unsupported_media_type$/,
  },
  {
    name: "missing signature",
    request: (path) => {
      const { headers, ...rest } = signed(path, validParams(path));
      const { "x-twilio-signature": _, ...others } = headers;

      return { ...rest, headers: others };
    },
    status: 400,
    code: /^webhook_(missing_signature|missing_parameters)$/,
  },
  {
    name: "malformed form body",
    request: (path) => ({
      ...signed(path, validParams(path)),
      payload: "%%%&&&===%zz&MessageSid",
    }),
    status: 400,
    code: /^webhook_missing_parameters$/,
  },
  {
    name: "non-UTF-8 bytes",
    request: (path) => {
      const request = signed(path, { ...validParams(path), Body: "caf\u00e9" });
      const [before, after] = request.payload.split("caf%C3%A9");

      return {
        ...request,
        payload: Buffer.concat([
          Buffer.from(`${before}caf`),
          Buffer.from([0xe9]),
          Buffer.from(after ?? ""),
        ]),
      };
    },
    status: 403,
    code: /^webhook_invalid_signature$/,
  },
  {
    name: "oversized body",
    request: (path) =>
      signed(path, { ...validParams(path), Body: "x".repeat(65 * 1024) }),
    status: 413,
    code: /^body_too_large$/,
  },
];

describe.each([
  ["webhook with token", () => `${WEBHOOK}/${tenant.company.webhookToken}`],
  ["webhook without token", () => WEBHOOK],
  ["status callback", () => STATUS],
])("%s rejects bad forms", (_, path) => {
  test.each(badForms.map((bad) => [bad.name, bad]))("%s", async (__, bad) => {
    const before = await countRows();

    const response = await server.test.app.inject(bad.request(path()));

    expect(response.statusCode).toBe(bad.status);
    expect(response.json().error.code).toMatch(bad.code);
    expect(await countRows()).toEqual(before);
  });
});

describe("inbound body over 1,600 characters", () => {
  test("webhook stores it whole", async () => {
    const body = "c".repeat(3_000);
    const path = `${WEBHOOK}/${tenant.company.webhookToken}`;
    const params: Record<string, string> = { ...validParams(path), Body: body };

    const response = await server.test.app.inject(signed(path, params));

    expect(response.statusCode).toBe(200);
    const stored = await server.ctx.db
      .selectFrom("messages")
      .select("body")
      .where("twilio_sid", "=", params.MessageSid ?? "")
      .executeTakeFirst();
    expect(stored?.body).toBe(body);
  });
});

describe("media routes", () => {
  test.each([
    ["short token", `${PUBLIC_MEDIA}/abc`, 404],
    ["unknown token", `${PUBLIC_MEDIA}/${"A".repeat(43)}`, 404],
    ["encoded traversal", `${PUBLIC_MEDIA}/..%2F..%2Fetc%2Fpasswd`, 404],
    ["token with NUL", `${PUBLIC_MEDIA}/${"A".repeat(42)}%00`, 400],
    ["proxy unknown message", `${API}/media/${randomSid("MM")}/0`, 404],
    ["proxy negative position", `${API}/media/${randomSid("MM")}/-1`, 400],
    ["proxy huge position", `${API}/media/x/99999999999999999999`, 400],
  ])("%s gets a 4xx", async (_, url, status) => {
    const response = await server.test.app.inject({
      method: "GET",
      url,
      headers: { cookie: tenant.owner.cookie },
    });

    expect(response.statusCode).toBe(status);
    expect(response.json().error.code).toMatch(/^[a-z_]+$/);
  });

  test("upload of wrong type gets 415", async () => {
    const before = await countRows();

    const response = await server.test.app.inject({
      method: "POST",
      url: `${API}/uploads?filename=run.sh`,
      headers: ownerHeaders("application/x-sh"),
      payload: "#!/bin/sh\n",
    });

    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe("media_type_not_allowed");
    expect(await countRows()).toEqual(before);
  });

  test("empty upload gets 400", async () => {
    const before = await countRows();

    const response = await server.test.app.inject({
      method: "POST",
      url: `${API}/uploads`,
      headers: ownerHeaders("image/png"),
      payload: Buffer.alloc(0),
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe("validation_failed");
    expect(await countRows()).toEqual(before);
  });
});

describe("NUL characters", () => {
  test.each([
    ["search", () => `${API}/conversations?q=abc%00def`],
    ["customer search", () => "/api/customers?q=ab%00c"],
    ["conversation id", () => `${API}/conversations/abc%00`],
  ])("%s in the URL gets 400", async (_, url) => {
    const response = await server.test.app.inject({
      method: "GET",
      url: url(),
      headers: ownerHeaders(),
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe("validation_failed");
  });

  test("JSON strings lose their NUL characters", async () => {
    const response = await server.test.app.inject({
      method: "POST",
      url: "/api/customers",
      headers: ownerHeaders(),
      payload: JSON.stringify({ name: "Sam\u0000 Lee", phone: "+14155550123" }),
    });

    expect(response.statusCode).toBe(201);
    const stored = await server.ctx.db
      .selectFrom("customers")
      .select("name")
      .where("phone_e164", "=", "+14155550123")
      .executeTakeFirstOrThrow();
    expect(stored.name).toBe("Sam Lee");
  });

  test("webhook token gets 400 and stores nothing", async () => {
    const before = await countRows();

    const response = await server.test.app.inject({
      method: "POST",
      url: "/v1/plugins/sms-chat/webhook/abc%00",
      headers: { "content-type": FORM_TYPE },
      payload: "Body=hi",
    });

    expect(response.statusCode).toBe(400);
    expect(await countRows()).toEqual(before);
  });
});

describe("unpaired surrogates", () => {
  /** Sends `payload` as JSON text, which escapes each lone surrogate. */
  async function postJson(url: string, payload: unknown) {
    return server.test.app.inject({
      method: "POST",
      url,
      headers: ownerHeaders(),
      payload: JSON.stringify(payload),
    });
  }

  async function countTable(table: "customers" | "locations") {
    const row = await server.ctx.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .executeTakeFirstOrThrow();

    return Number(row.count);
  }

  function errorOf(response: { json: <T>() => T }) {
    return response.json<{
      error: { code: string; message: string; field?: string };
    }>().error;
  }

  test("reply body gets 400 and sends nothing", async () => {
    const before = await countRows();
    const sentBefore = sentTexts(server, tenant.account).length;

    const response = await postJson(
      `${API}/conversations/${conversationId}/messages`,
      { body: "a\ud800b" },
    );

    expect(response.statusCode).toBe(400);
    const error = errorOf(response);
    expect(error.code).toBe("validation_failed");
    expect(error.field).toBe("body");
    expect(error.message).toMatch(/^body: /);
    expect(error.message).toContain("unpaired UTF-16 surrogate (\\uD800)");
    expect(error.message).toContain("Remove it");
    expect(await countRows()).toEqual(before);
    expect(sentTexts(server, tenant.account)).toHaveLength(sentBefore);
  });

  test.each([
    ["low surrogate alone", { body: "\udc00" }, "body", "\\uDC00"],
    ["high surrogate at end", { body: "hi \udbff" }, "body", "\\uDBFF"],
    ["pair in wrong order", { body: "\ude00\ud83d" }, "body", "\\uDE00"],
    [
      "attachment id",
      { body: "hi", mediaIds: ["\ud800"] },
      "mediaIds.0",
      "\\uD800",
    ],
    ["key", { body: "hi", ["x\ud800"]: 1 }, "x\\uD800", "\\uD800"],
  ])("%s in a reply gets 400", async (_, payload, field, escape) => {
    const before = await countRows();

    const response = await postJson(
      `${API}/conversations/${conversationId}/messages`,
      payload,
    );

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).field).toBe(field);
    expect(errorOf(response).message).toContain(`(${escape})`);
    expect(await countRows()).toEqual(before);
  });

  test.each([
    [
      "new conversation",
      () => `${API}/conversations`,
      { to: "+14155550177", body: "Hi \ud800" },
      "body",
    ],
    [
      "customer name",
      () => "/api/customers",
      { name: "Sam \ud800Lee", phone: "+14155550123" },
      "name",
    ],
    ["location name", () => "/api/locations", { name: "Main \udfff" }, "name"],
  ])("%s gets 400", async (_, url, payload, field) => {
    const before = await countRows();
    const customersBefore = await countTable("customers");
    const locationsBefore = await countTable("locations");

    const response = await postJson(url(), payload);

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe("validation_failed");
    expect(errorOf(response).field).toBe(field);
    expect(await countRows()).toEqual(before);
    expect(await countTable("customers")).toBe(customersBefore);
    expect(await countTable("locations")).toBe(locationsBefore);
  });

  test("surrogate encoded as UTF-8 bytes gets 400", async () => {
    const response = await server.test.app.inject({
      method: "POST",
      url: `${API}/conversations/${conversationId}/messages`,
      headers: ownerHeaders(),
      payload: Buffer.concat([
        Buffer.from('{"body": "a'),
        Buffer.from([0xed, 0xa0, 0x80]),
        Buffer.from('b"}'),
      ]),
    });

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe("invalid_json");
    expect(errorOf(response).message).toContain("UTF-8");
  });

  test("escaped pair is an emoji and is sent", async () => {
    const response = await server.test.app.inject({
      method: "POST",
      url: `${API}/conversations/${conversationId}/messages`,
      headers: ownerHeaders(),
      payload: '{"body": "Thanks \\ud83d\\ude00"}',
    });

    expect(response.statusCode).toBe(201);
    expect(response.json().message.body).toBe("Thanks \u{1F600}");
  });

  test("escaped backslash before u is no surrogate", async () => {
    const response = await server.test.app.inject({
      method: "POST",
      url: `${API}/conversations/${conversationId}/messages`,
      headers: ownerHeaders(),
      payload: '{"body": "C:\\\\ud800"}',
    });

    expect(response.statusCode).toBe(201);
    expect(response.json().message.body).toBe("C:\\ud800");
  });
});

describe("invisible message bodies", () => {
  test.each([
    ["zero-width space", "\u200b"],
    ["zero-width joiner and space", " \u200d \u2060 "],
    ["byte order mark", "\ufeff"],
    ["variation selector", "\ufe0f"],
  ])("%s only gets the empty-body 400", async (_, body) => {
    const before = await countRows();
    const sentBefore = sentTexts(server, tenant.account).length;

    const response = await server.test.app.inject({
      method: "POST",
      url: `${API}/conversations/${conversationId}/messages`,
      headers: ownerHeaders(),
      payload: { body },
    });
    const empty = await server.test.app.inject({
      method: "POST",
      url: `${API}/conversations/${conversationId}/messages`,
      headers: ownerHeaders(),
      payload: { body: "" },
    });

    expect(response.statusCode).toBe(400);
    expect(empty.statusCode).toBe(400);
    expect(response.json()).toEqual(empty.json());
    expect(await countRows()).toEqual(before);
    expect(sentTexts(server, tenant.account)).toHaveLength(sentBefore);
  });

  test("text with a zero-width space is sent as typed", async () => {
    const response = await server.test.app.inject({
      method: "POST",
      url: `${API}/conversations/${conversationId}/messages`,
      headers: ownerHeaders(),
      payload: { body: "see\u200byou" },
    });

    expect(response.statusCode).toBe(201);
    expect(response.json().message.body).toBe("see\u200byou");
  });
});

describe("requests Node cannot parse", () => {
  let url = "";

  beforeAll(async () => {
    url = await server.test.app.listen({ port: 0, host: "127.0.0.1" });
  });

  test("64 KB header gets 431", async () => {
    const response = await rawRequest(url, {
      "x-padding": "x".repeat(65_536),
    });
    const health = await fetch(`${url}/healthz`);

    expect(response.status).toBe(431);
    expect(JSON.parse(response.body)).toEqual({
      error: { code: "headers_too_large", message: expect.any(String) },
    });
    expect(health.status).toBe(200);
  });

  test("20 KB URL gets 431 that names the URL", async () => {
    const response = await rawRequest(
      url,
      {},
      `/api/search?q=${"x".repeat(20_000)}`,
    );

    expect(response.status).toBe(431);
    expect(JSON.parse(response.body).error.message).toMatch(
      /^The request's URL and headers are larger than the server accepts/,
    );
  });

  test("unparsable request gets 400 JSON", async () => {
    const port = Number(new URL(url).port);

    const reply = await rawBytes(port, "NOT HTTP AT ALL\r\n\r\n");
    const [head = "", body = ""] = reply.split("\r\n\r\n");

    expect(head.split("\r\n")[0]).toBe("HTTP/1.1 400 Bad Request");
    expect(JSON.parse(body)).toEqual({
      error: { code: "bad_request", message: expect.any(String) },
    });
  });
});

/** Writes `text` to a new connection and returns all it receives. */
function rawBytes(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, "127.0.0.1", () => socket.write(text));
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    socket.on("error", reject);
  });
}

/** Sends a GET with Node's client, which allows any header size. */
function rawRequest(
  base: string,
  headers: Record<string, string>,
  path = "/api/auth/me",
): Promise<{ status: number | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${base}${path}`,
      { headers, maxHeaderSize: 1024 * 1024 },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end();
  });
}
