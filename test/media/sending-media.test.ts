import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SendResult, UploadResult } from "../../src/common/api.js";
import {
  API,
  buildTenant,
  callApi,
  DEFAULT_NUMBER,
  errorCode,
  seedInbound,
  sentTexts,
  settleOutbox,
  type Tenant,
} from "../inbox/inbox-fixture.js";
import {
  fetchAttachment,
  getAs,
  JPEG_BYTES,
  PNG_BYTES,
  startMediaServer,
  type MediaServer,
} from "./media-fixture.js";

const CUSTOMER = "+14155550183";
const PUBLIC_MEDIA = "https://inbox.example.com/v1/plugins/sms-chat/media/";

let server: MediaServer;

beforeAll(async () => {
  server = await startMediaServer();
});

afterAll(async () => {
  await server.close();
});

async function uploadFile(
  tenant: Tenant,
  bytes: Buffer,
  contentType: string,
): Promise<string> {
  const response = await server.test.app.inject({
    method: "POST",
    url: `${API}/uploads`,
    headers: { ...tenant.owner.headers, "content-type": contentType },
    payload: bytes,
  });
  expect(response.statusCode).toBe(201);

  return response.json<UploadResult>().uploadId;
}

async function reply(tenant: Tenant, body: unknown) {
  const { conversationId } = await seedInbound(server.ctx, tenant.company, {
    from: CUSTOMER,
  });

  return callApi(
    server,
    tenant.owner,
    "POST",
    `/conversations/${conversationId}/messages`,
    { body },
  );
}

/** Returns the MediaUrl values of the tenant's Messages.create requests. */
function createdMediaUrls(tenant: Tenant): unknown[] {
  return server.sandbox.state.requestLog.entries
    .filter(
      (entry) =>
        entry.operationId === "CreateMessage" &&
        entry.path.includes(tenant.account.sid),
    )
    .map((entry) => entry.form?.MediaUrl);
}

describe("sending media", () => {
  it("reply with image reaches twilio", async () => {
    const tenant = await buildTenant(server);
    const uploadId = await uploadFile(tenant, PNG_BYTES, "image/png");

    const response = await reply(tenant, { body: "", mediaIds: [uploadId] });
    await settleOutbox(server);

    expect(response.statusCode).toBe(201);
    const [sent] = sentTexts(server, tenant.account);
    const publicUrl = sent?.mediaUrls[0] ?? "";
    expect(sent?.body).toBe("");
    expect(sent?.mediaUrls).toHaveLength(1);
    expect(publicUrl.startsWith(PUBLIC_MEDIA)).toBe(true);
    expect(createdMediaUrls(tenant)).toEqual([publicUrl]);
    const fetched = await getAs(server, null, new URL(publicUrl).pathname);
    expect(fetched.statusCode).toBe(200);
    expect(fetched.headers["content-type"]).toBe("image/png");
    expect(fetched.rawPayload.equals(PNG_BYTES)).toBe(true);
  });

  it("stores media with proxy url", async () => {
    const tenant = await buildTenant(server);
    const uploadId = await uploadFile(tenant, PNG_BYTES, "image/png");

    const response = await reply(tenant, {
      body: "Here is the map",
      mediaIds: [uploadId],
    });

    const { message, conversation } = response.json<SendResult>();
    expect(message.media).toEqual([
      {
        url: `${API}/media/${message.id}/0`,
        contentType: "image/png",
        viewable: true,
      },
    ]);
    expect(conversation.lastMessagePreview).toBe("Here is the map");
    const viaProxy = await fetchAttachment(
      server,
      tenant.viewer,
      message.id,
      0,
    );
    expect(viaProxy.statusCode).toBe(200);
    expect(viaProxy.rawPayload.equals(PNG_BYTES)).toBe(true);
    const stored = await server.ctx.db
      .selectFrom("message_media")
      .select(["position", "url", "content_type"])
      .where("message_id", "=", message.id)
      .execute();
    expect(stored).toEqual([
      {
        position: 0,
        url: expect.stringMatching(/^https:\/\/inbox\.example\.com\/v1\//),
        content_type: "image/png",
      },
    ]);
  });

  it("new conversation sends files in order", async () => {
    const tenant = await buildTenant(server);
    const first = await uploadFile(tenant, JPEG_BYTES, "image/jpeg");
    const second = await uploadFile(tenant, PNG_BYTES, "image/png");

    const response = await callApi(
      server,
      tenant.owner,
      "POST",
      "/conversations",
      {
        body: { to: CUSTOMER, body: "Photos", mediaIds: [first, second] },
      },
    );
    await settleOutbox(server);

    expect(response.statusCode).toBe(201);
    const [sent] = sentTexts(server, tenant.account);
    expect(sent?.from).toBe(DEFAULT_NUMBER);
    expect(sent?.mediaUrls).toHaveLength(2);
    const bodies = await Promise.all(
      (sent?.mediaUrls ?? []).map((url) =>
        getAs(server, null, new URL(url).pathname),
      ),
    );
    expect(bodies[0]?.rawPayload.equals(JPEG_BYTES)).toBe(true);
    expect(bodies[1]?.rawPayload.equals(PNG_BYTES)).toBe(true);
  });
});

describe("sending media rejections", () => {
  it("empty body without media", async () => {
    const tenant = await buildTenant(server);

    const response = await reply(tenant, { body: " ", mediaIds: [] });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain("attach a file");
  });

  it("other company's upload", async () => {
    const tenant = await buildTenant(server);
    const other = await buildTenant(server);
    const uploadId = await uploadFile(other, PNG_BYTES, "image/png");

    const response = await reply(tenant, { body: "", mediaIds: [uploadId] });

    expect(response.statusCode).toBe(400);
    expect(errorCode(response)).toBe("validation_failed");
    expect(response.json().error.message).toContain("not found");
    expect(sentTexts(server, tenant.account)).toEqual([]);
  });

  it("expired upload", async () => {
    const tenant = await buildTenant(server);
    const uploadId = await uploadFile(tenant, PNG_BYTES, "image/png");
    await server.ctx.db
      .updateTable("media_uploads")
      .set({ expires_at: new Date(Date.now() - 1).toISOString() })
      .where("id", "=", uploadId)
      .execute();

    const response = await reply(tenant, { body: "", mediaIds: [uploadId] });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain("expired");
  });

  it("more than ten files", async () => {
    const tenant = await buildTenant(server);
    const uploadId = await uploadFile(tenant, PNG_BYTES, "image/png");

    const response = await reply(tenant, {
      body: "",
      mediaIds: Array.from({ length: 11 }, () => uploadId),
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain("at most 10 files");
  });

  it("same file twice", async () => {
    const tenant = await buildTenant(server);
    const uploadId = await uploadFile(tenant, PNG_BYTES, "image/png");

    const response = await reply(tenant, {
      body: "",
      mediaIds: [uploadId, uploadId],
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain("twice");
  });
});
