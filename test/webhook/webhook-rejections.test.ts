import type { LightMyRequestResponse } from "fastify";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { buildTestApp, type TestApp } from "../support/context.js";
import { buildCompany, connectTwilio } from "../support/factories.js";
import { signedWebhookRequest } from "../support/twilio-signing.js";
import {
  PUBLIC_URL,
  WEBHOOK_PATH,
  buildInboxCompany,
  countRows,
  inboundParams,
  postSigned,
  randomSid,
  tokenUrl,
} from "./webhook-fixture.js";

const TOKENLESS_URL = PUBLIC_URL + WEBHOOK_PATH;

let testApp: TestApp;

beforeEach(async () => {
  testApp = await buildTestApp();
});

afterEach(async () => {
  await testApp.close();
});

async function expectRejected(
  response: LightMyRequestResponse,
  statusCode: number,
  code: string,
) {
  expect(response.statusCode).toBe(statusCode);
  expect(response.json().error.code).toBe(code);
  expect(await countRows(testApp.ctx)).toEqual({
    messages: 0,
    conversations: 0,
    media: 0,
  });
}

describe("webhook signature rejections", () => {
  test("missing signature gets 400", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    const request = signedWebhookRequest(
      tokenUrl(inbox.company),
      inboundParams(inbox.twilio),
      inbox.twilio.authToken,
    );
    delete request.headers["x-twilio-signature"];

    const response = await testApp.app.inject(request);

    await expectRejected(response, 400, "webhook_missing_signature");
  });

  test("forged signature gets 403", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    const request = signedWebhookRequest(
      tokenUrl(inbox.company),
      inboundParams(inbox.twilio),
      inbox.twilio.authToken,
    );
    request.headers["x-twilio-signature"] = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

    const response = await testApp.app.inject(request);

    await expectRejected(response, 403, "webhook_invalid_signature");
  });

  test("other auth token gets 403", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    const request = signedWebhookRequest(
      tokenUrl(inbox.company),
      inboundParams(inbox.twilio),
      "a-different-auth-token",
    );

    const response = await testApp.app.inject(request);

    await expectRejected(response, 403, "webhook_invalid_signature");
  });

  test("tampered body gets 403", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    const params = inboundParams(inbox.twilio);
    const request = signedWebhookRequest(
      tokenUrl(inbox.company),
      params,
      inbox.twilio.authToken,
    );
    request.payload = request.payload.replace("kayak", "canoe");

    const response = await testApp.app.inject(request);

    await expectRejected(response, 403, "webhook_invalid_signature");
  });

  test("internal url signature gets 403", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    const internalUrl = `http://internal:3000${WEBHOOK_PATH}/${inbox.company.webhookToken}`;

    const response = await postSigned(
      testApp.app,
      inbox,
      inboundParams(inbox.twilio),
      internalUrl,
    );

    await expectRejected(response, 403, "webhook_invalid_signature");
  });
});

describe("webhook company rejections", () => {
  test("unknown token gets 404", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    const url = `${PUBLIC_URL}${WEBHOOK_PATH}/not-a-company-token`;

    const response = await postSigned(
      testApp.app,
      inbox,
      inboundParams(inbox.twilio),
      url,
    );

    await expectRejected(response, 404, "webhook_not_found");
  });

  test("other company token gets 403", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    const other = await buildInboxCompany(testApp.ctx);

    // Signed for the other company's URL, with this company's auth token.
    const response = await postSigned(
      testApp.app,
      inbox,
      inboundParams(inbox.twilio),
      tokenUrl(other.company),
    );

    await expectRejected(response, 403, "webhook_invalid_signature");
  });

  test("wrong token with valid signature", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    // Both companies use one Twilio account, so the signature is valid for
    // the other company's URL too. The To number still belongs to `inbox`.
    const other = await buildInboxCompany(testApp.ctx, {
      accountSid: inbox.twilio.accountSid,
      authToken: inbox.twilio.authToken,
      defaultNumber: "+14155550133",
    });

    const response = await postSigned(
      testApp.app,
      inbox,
      inboundParams(inbox.twilio),
      tokenUrl(other.company),
    );

    await expectRejected(response, 404, "webhook_not_found");
  });

  test("other account sid gets 404", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    const params = inboundParams(inbox.twilio, { AccountSid: randomSid("AC") });

    const response = await postSigned(testApp.app, inbox, params);

    await expectRejected(response, 404, "webhook_not_found");
  });

  test("unknown number gets 404", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    const params = inboundParams(inbox.twilio, { To: "+14155550188" });

    const response = await postSigned(testApp.app, inbox, params);

    await expectRejected(response, 404, "webhook_not_found");
  });

  test("token-less unknown number gets 404", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    const params = inboundParams(inbox.twilio, { To: "+14155550188" });

    const response = await postSigned(
      testApp.app,
      inbox,
      params,
      TOKENLESS_URL,
    );

    await expectRejected(response, 404, "webhook_not_found");
  });

  test("token-less unknown account gets 404", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    const params = inboundParams(inbox.twilio, { AccountSid: randomSid("AC") });

    const response = await postSigned(
      testApp.app,
      inbox,
      params,
      TOKENLESS_URL,
    );

    await expectRejected(response, 404, "webhook_not_found");
  });

  test("token-less shared number gets 404", async () => {
    const first = await buildInboxCompany(testApp.ctx);
    await buildInboxCompany(testApp.ctx, {
      accountSid: first.twilio.accountSid,
      defaultNumber: first.twilio.defaultNumber,
      authToken: first.twilio.authToken,
    });
    const params = inboundParams(first.twilio);

    const response = await postSigned(
      testApp.app,
      first,
      params,
      TOKENLESS_URL,
    );

    await expectRejected(response, 404, "webhook_not_found");
  });

  test("missing plugin gets 404", async () => {
    const company = await buildCompany(testApp.ctx);
    const twilio = await connectTwilio(testApp.ctx, company);

    const response = await postSigned(
      testApp.app,
      { company, twilio },
      inboundParams(twilio),
    );

    await expectRejected(response, 404, "webhook_not_found");
  });

  test("twilio not connected gets 409", async () => {
    const company = await buildCompany(testApp.ctx);
    const twilio = {
      accountSid: randomSid("AC"),
      authToken: "never-stored",
      defaultNumber: "+14155550100",
    };

    const response = await postSigned(
      testApp.app,
      { company, twilio },
      inboundParams(twilio),
    );

    await expectRejected(response, 409, "webhook_twilio_not_connected");
  });

  test("not-found responses are identical", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    const unknownToken = await postSigned(
      testApp.app,
      inbox,
      inboundParams(inbox.twilio),
      `${PUBLIC_URL}${WEBHOOK_PATH}/unknown`,
    );
    const otherAccount = await postSigned(
      testApp.app,
      inbox,
      inboundParams(inbox.twilio, { AccountSid: randomSid("AC") }),
    );

    expect(unknownToken.statusCode).toBe(otherAccount.statusCode);
    expect(unknownToken.body).toBe(otherAccount.body);
  });
});

describe("webhook parameter rejections", () => {
  for (const field of ["MessageSid", "From", "To", "AccountSid"]) {
    test(`missing ${field} gets 400`, async () => {
      const inbox = await buildInboxCompany(testApp.ctx);
      const { [field]: _dropped, ...params } = inboundParams(inbox.twilio);

      const response = await postSigned(testApp.app, inbox, params);

      await expectRejected(response, 400, "webhook_missing_parameters");
      expect(response.json().error.message).toContain(field);
    });
  }

  test("repeated MessageSid gets 400", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    const params = inboundParams(inbox.twilio, {
      MessageSid: [randomSid("SM"), randomSid("SM")],
    });

    const response = await postSigned(testApp.app, inbox, params);

    await expectRejected(response, 400, "webhook_invalid_parameters");
  });

  test("non-numeric NumMedia gets 400", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    const params = inboundParams(inbox.twilio, { NumMedia: "two" });

    const response = await postSigned(testApp.app, inbox, params);

    await expectRejected(response, 400, "webhook_invalid_parameters");
  });
});
