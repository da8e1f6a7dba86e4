import { afterEach, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../support/context.js";
import {
  buildInboxCompany,
  inboundParams,
  postSigned,
  tokenUrl,
  WEBHOOK_PATH,
} from "../webhook/webhook-fixture.js";
import { encodeForm } from "../support/twilio-signing.js";
import { sampleValue, scrapeMetrics } from "./metrics-text.js";

const RECEIVED = "sms_inbox_webhooks_received_total";
const REJECTED = "sms_inbox_webhooks_rejected_total";
const DURATION_COUNT = "sms_inbox_http_request_duration_seconds_count";

let test: TestApp | undefined;

afterEach(async () => {
  await test?.close();
  test = undefined;
});

describe("webhook metrics", () => {
  it("counts accepted and rejected webhooks", async () => {
    test = await buildTestApp();
    const inbox = await buildInboxCompany(test.ctx);

    const accepted = await postSigned(
      test.app,
      inbox,
      inboundParams(inbox.twilio),
    );
    const unsigned = await test.app.inject({
      method: "POST",
      url: `${WEBHOOK_PATH}/${inbox.company.webhookToken}`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: encodeForm(inboundParams(inbox.twilio)),
    });
    const text = await scrapeMetrics(test.app);

    expect(accepted.statusCode).toBe(200);
    expect(unsigned.statusCode).toBe(400);
    expect(
      sampleValue(text, RECEIVED, { kind: "message", outcome: "accepted" }),
    ).toBe(1);
    expect(
      sampleValue(text, RECEIVED, { kind: "message", outcome: "rejected" }),
    ).toBe(1);
    expect(
      sampleValue(text, REJECTED, {
        kind: "message",
        reason: "missing_signature",
      }),
    ).toBe(1);
  });

  it("counts a rejection in a hook", async () => {
    test = await buildTestApp();
    const inbox = await buildInboxCompany(test.ctx);

    const response = await test.app.inject({
      method: "POST",
      url: `${WEBHOOK_PATH}/${inbox.company.webhookToken}`,
      headers: { "content-type": "application/json" },
      payload: "{}",
    });
    const text = await scrapeMetrics(test.app);

    expect(response.statusCode).toBe(415);
    expect(
      sampleValue(text, REJECTED, {
        kind: "message",
        reason: "unsupported_media_type",
      }),
    ).toBe(1);
  });

  it("tells reasons that share a response apart", async () => {
    test = await buildTestApp();
    const inbox = await buildInboxCompany(test.ctx);
    const params = inboundParams(inbox.twilio);

    const unknownToken = await postSigned(
      test.app,
      inbox,
      params,
      `https://inbox.example.com${WEBHOOK_PATH}/not-a-token`,
    );
    const wrongAccount = await postSigned(test.app, inbox, {
      ...params,
      AccountSid: `AC${"0".repeat(32)}`,
    });
    const text = await scrapeMetrics(test.app);

    expect(unknownToken.statusCode).toBe(404);
    expect(wrongAccount.statusCode).toBe(404);
    expect(
      sampleValue(text, REJECTED, { kind: "message", reason: "unknown_token" }),
    ).toBe(1);
    expect(
      sampleValue(text, REJECTED, {
        kind: "message",
        reason: "account_mismatch",
      }),
    ).toBe(1);
  });

  it("counts status callbacks by kind", async () => {
    test = await buildTestApp();
    const inbox = await buildInboxCompany(test.ctx);

    const response = await postSigned(
      test.app,
      inbox,
      { AccountSid: inbox.twilio.accountSid },
      `https://inbox.example.com/v1/plugins/sms-chat/status/${inbox.company.webhookToken}`,
    );
    const text = await scrapeMetrics(test.app);

    expect(response.statusCode).toBe(400);
    expect(
      sampleValue(text, RECEIVED, { kind: "status", outcome: "rejected" }),
    ).toBe(1);
    expect(
      sampleValue(text, REJECTED, {
        kind: "status",
        reason: "missing_status_parameters",
      }),
    ).toBe(1);
    expect(sampleValue(text, RECEIVED, { kind: "message" })).toBe(0);
  });

  it("labels latency by route pattern", async () => {
    test = await buildTestApp();
    const inbox = await buildInboxCompany(test.ctx);
    const token = inbox.company.webhookToken;

    await postSigned(
      test.app,
      inbox,
      inboundParams(inbox.twilio),
      tokenUrl(inbox.company),
    );
    await test.app.inject({ method: "GET", url: `/no-such-page/${token}` });
    const text = await scrapeMetrics(test.app);

    expect(
      sampleValue(text, DURATION_COUNT, {
        method: "POST",
        route: `${WEBHOOK_PATH}/:token`,
        status_code: "200",
      }),
    ).toBe(1);
    expect(
      sampleValue(text, DURATION_COUNT, {
        route: "unmatched",
        status_code: "404",
      }),
    ).toBe(1);
    expect(text).not.toContain(token);
    expect(text).not.toContain(inbox.twilio.defaultNumber);
    expect(text).not.toContain(inbox.twilio.accountSid);
  });

  it("includes process metrics", async () => {
    test = await buildTestApp();

    const text = await scrapeMetrics(test.app);

    expect(text).toContain("# TYPE process_cpu_user_seconds_total counter");
    expect(text).toContain("# TYPE sms_inbox_outbox_queue_depth gauge");
    expect(text).toContain("# TYPE sms_inbox_event_streams_open gauge");
  });
});
