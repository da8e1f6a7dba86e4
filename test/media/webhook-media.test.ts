import { afterEach, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../support/context.js";
import {
  buildInboxCompany,
  findMessage,
  inboundParams,
  postSigned,
} from "../webhook/webhook-fixture.js";

let testApp: TestApp | undefined;

afterEach(async () => {
  await testApp?.close();
  testApp = undefined;
});

async function storedMedia(app: TestApp, messageSid: string) {
  const message = await findMessage(app.ctx, messageSid);
  if (!message) throw new Error(`No message ${messageSid} was stored.`);

  return app.ctx.db
    .selectFrom("message_media")
    .select(["position", "url", "content_type"])
    .where("message_id", "=", message.id)
    .orderBy("position")
    .execute();
}

describe("webhook media parameters", () => {
  it("reads media without NumMedia", async () => {
    testApp = await buildTestApp();
    const inbox = await buildInboxCompany(testApp.ctx);
    const params = inboundParams(inbox.twilio, {
      Body: "",
      MediaUrl0: "https://api.twilio.com/2010-04-01/Media/ME0",
      MediaContentType0: "image/jpeg",
      MediaUrl1: "https://api.twilio.com/2010-04-01/Media/ME1",
      MediaContentType1: "application/pdf",
    });
    delete params.NumMedia;

    const response = await postSigned(testApp.app, inbox, params);

    expect(response.statusCode).toBe(200);
    expect(await storedMedia(testApp, String(params.MessageSid))).toEqual([
      {
        position: 0,
        url: "https://api.twilio.com/2010-04-01/Media/ME0",
        content_type: "image/jpeg",
      },
      {
        position: 1,
        url: "https://api.twilio.com/2010-04-01/Media/ME1",
        content_type: "application/pdf",
      },
    ]);
  });

  it("stores nothing without media", async () => {
    testApp = await buildTestApp();
    const inbox = await buildInboxCompany(testApp.ctx);
    const params = inboundParams(inbox.twilio);
    delete params.NumMedia;

    const response = await postSigned(testApp.app, inbox, params);

    expect(response.statusCode).toBe(200);
    expect(await storedMedia(testApp, String(params.MessageSid))).toEqual([]);
  });
});
