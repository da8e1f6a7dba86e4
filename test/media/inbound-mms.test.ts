import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MessagePage } from "../../src/common/api.js";
import { inboundWebhookParams } from "../../src/sandbox/inbound-params.js";
import { controlRequest } from "../sandbox/support.js";
import {
  buildTenant,
  callApi,
  DEFAULT_NUMBER,
  errorCode,
  type Tenant,
} from "../inbox/inbox-fixture.js";
import { signedWebhookRequest } from "../support/twilio-signing.js";
import {
  fetchAttachment,
  JPEG_BYTES,
  PNG_BYTES,
  startMediaServer,
  type MediaServer,
} from "./media-fixture.js";

const CUSTOMER = "+14155550181";
const VCARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\nEND:VCARD\r\n";

let server: MediaServer;

beforeAll(async () => {
  server = await startMediaServer();
});

afterAll(async () => {
  await server.close();
});

/**
 * Texts the tenant's number from the sandbox handset with three files,
 * then posts the sandbox's webhook parameters to the app, signed.
 */
async function receiveThreeFiles(tenant: Tenant): Promise<string> {
  const inbound = await controlRequest<{ messageSid: string }>(
    server.sandboxUrl,
    "POST",
    "/inbound",
    {
      accountSid: tenant.account.sid,
      from: CUSTOMER,
      to: DEFAULT_NUMBER,
      body: "",
      media: [
        { contentType: "image/jpeg", base64: JPEG_BYTES.toString("base64") },
        { contentType: "image/png", base64: PNG_BYTES.toString("base64") },
        { contentType: "text/vcard", text: VCARD },
      ],
    },
  );
  expect(inbound.status).toBe(200);

  const { messageSid } = inbound.body;
  const message = server.sandbox.state.findMessage(
    tenant.account.sid,
    messageSid,
  );
  if (!message) throw new Error(`The sandbox has no message ${messageSid}.`);

  const url = `https://inbox.example.com/v1/plugins/sms-chat/webhook/${tenant.company.webhookToken}`;
  const webhook = await server.test.app.inject(
    signedWebhookRequest(
      url,
      inboundWebhookParams(message),
      tenant.connection.authToken,
    ),
  );
  expect(webhook.statusCode).toBe(200);

  return messageSid;
}

async function storedMessage(messageSid: string) {
  return server.ctx.db
    .selectFrom("messages")
    .selectAll()
    .where("twilio_sid", "=", messageSid)
    .executeTakeFirstOrThrow();
}

describe("inbound mms", () => {
  it("stores three files without body", async () => {
    const tenant = await buildTenant(server);
    const message = await storedMessage(await receiveThreeFiles(tenant));

    const media = await server.ctx.db
      .selectFrom("message_media")
      .select(["position", "url", "content_type"])
      .where("message_id", "=", message.id)
      .orderBy("position")
      .execute();
    expect(message.body).toBe("");
    expect(message.num_media).toBe(3);
    expect(media.map((item) => item.content_type)).toEqual([
      "image/jpeg",
      "image/png",
      "text/vcard",
    ]);
    for (const item of media) {
      expect(item.url.startsWith(`${server.sandboxUrl}/2010-04-01/`)).toBe(
        true,
      );
    }
  });

  it("presents proxy urls in thread", async () => {
    const tenant = await buildTenant(server);
    const message = await storedMessage(await receiveThreeFiles(tenant));

    const page = await callApi(
      server,
      tenant.viewer,
      "GET",
      `/conversations/${message.conversation_id}/messages`,
    );

    expect(page.statusCode).toBe(200);
    expect(page.json<MessagePage>().messages[0]?.media).toEqual([
      {
        url: `/api/plugins/sms-chat/media/${message.id}/0`,
        contentType: "image/jpeg",
        viewable: true,
      },
      {
        url: `/api/plugins/sms-chat/media/${message.id}/1`,
        contentType: "image/png",
        viewable: true,
      },
      {
        url: `/api/plugins/sms-chat/media/${message.id}/2`,
        contentType: "text/vcard",
        viewable: true,
      },
    ]);
  });

  it("marks disallowed types not viewable", async () => {
    const tenant = await buildTenant(server);
    const message = await storedMessage(await receiveThreeFiles(tenant));
    await server.ctx.db
      .updateTable("message_media")
      .set({ content_type: "image/svg+xml" })
      .where("message_id", "=", message.id)
      .where("position", "=", 0)
      .execute();

    const page = await callApi(
      server,
      tenant.viewer,
      "GET",
      `/conversations/${message.conversation_id}/messages`,
    );

    const media = page.json<MessagePage>().messages[0]?.media ?? [];
    expect(media[0]?.viewable).toBe(false);
    expect(media[1]?.viewable).toBe(true);
  });

  it("fetches every file through proxy", async () => {
    const tenant = await buildTenant(server);
    const message = await storedMessage(await receiveThreeFiles(tenant));

    const [jpeg, png, vcard] = await Promise.all(
      [0, 1, 2].map((position) =>
        fetchAttachment(server, tenant.viewer, message.id, position),
      ),
    );

    expect(jpeg?.statusCode).toBe(200);
    expect(jpeg?.rawPayload.equals(JPEG_BYTES)).toBe(true);
    expect(jpeg?.headers["content-type"]).toBe("image/jpeg");
    expect(jpeg?.headers["content-disposition"]).toBe(
      'inline; filename="attachment-1.jpg"',
    );
    expect(jpeg?.headers["x-content-type-options"]).toBe("nosniff");
    expect(jpeg?.headers["cache-control"]).toBe("private");
    expect(png?.statusCode).toBe(200);
    expect(png?.rawPayload.equals(PNG_BYTES)).toBe(true);
    expect(png?.headers["content-type"]).toBe("image/png");
    expect(vcard?.statusCode).toBe(200);
    expect(vcard?.body).toBe(VCARD);
    expect(vcard?.headers["content-type"]).toBe("text/vcard");
    expect(vcard?.headers["content-disposition"]).toBe(
      'attachment; filename="attachment-3.vcf"',
    );
  });

  it("unknown position is not found", async () => {
    const tenant = await buildTenant(server);
    const message = await storedMessage(await receiveThreeFiles(tenant));

    const response = await fetchAttachment(server, tenant.owner, message.id, 3);

    expect(response.statusCode).toBe(404);
    expect(errorCode(response)).toBe("not_found");
  });
});

describe("media proxy access", () => {
  it("signed out gets 401", async () => {
    const tenant = await buildTenant(server);
    const message = await storedMessage(await receiveThreeFiles(tenant));

    const response = await fetchAttachment(server, null, message.id, 0);

    expect(response.statusCode).toBe(401);
    expect(errorCode(response)).toBe("unauthenticated");
  });

  it("other company gets 404", async () => {
    const tenant = await buildTenant(server);
    const other = await buildTenant(server);
    const message = await storedMessage(await receiveThreeFiles(tenant));

    const response = await fetchAttachment(server, other.owner, message.id, 0);

    expect(response.statusCode).toBe(404);
    expect(response.rawPayload.includes(JPEG_BYTES)).toBe(false);
  });

  it("staff without inbox location get 403", async () => {
    const tenant = await buildTenant(server);
    const message = await storedMessage(await receiveThreeFiles(tenant));

    const response = await fetchAttachment(
      server,
      tenant.outsider,
      message.id,
      0,
    );

    expect(response.statusCode).toBe(403);
    expect(errorCode(response)).toBe("plugin_not_enabled");
  });

  it("wrong twilio credentials get 502", async () => {
    const tenant = await buildTenant(server);
    const message = await storedMessage(await receiveThreeFiles(tenant));
    // The account's token changes on Twilio but not in the company settings.
    tenant.account.authToken = "0".repeat(32);

    const response = await fetchAttachment(server, tenant.owner, message.id, 0);

    expect(response.statusCode).toBe(502);
    expect(errorCode(response)).toBe("media_fetch_failed");
    expect(response.json().error.message).toContain("HTTP 401");
  });
});
