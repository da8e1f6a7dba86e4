import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { conversationAddress } from "../../src/common/phone.js";
import { buildTestApp, type TestApp } from "../support/context.js";
import {
  signedWebhookRequest,
  type FormParams,
} from "../support/twilio-signing.js";
import {
  buildInboxCompany,
  countRows,
  findMessage,
  inboundParams,
  randomSid,
  tokenUrl,
  type InboxCompany,
} from "../webhook/webhook-fixture.js";

/** Names the inbox reads, which the extra parameters must not replace. */
const READ_NAMES = new Set([
  "MessageSid",
  "AccountSid",
  "From",
  "To",
  "Body",
  "MessagingServiceSid",
  "NumMedia",
  "OptOutType",
]);

let testApp: TestApp;
let inbox: InboxCompany;

beforeAll(async () => {
  testApp = await buildTestApp();
  inbox = await buildInboxCompany(testApp.ctx);
});

afterAll(async () => {
  await testApp.close();
});

/** Text Twilio could post: any code points but NUL, which the inbox drops. */
const text = (maxLength: number) =>
  fc
    .string({ unit: "binary", maxLength })
    .map((value) => value.replaceAll("\u0000", ""));

/** C0 control characters and DEL, which a From or To may not contain. */
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

const sender = fc.oneof(
  fc.stringMatching(/^\+1[2-9]\d{2}[2-9]\d{6}$/),
  fc.stringMatching(/^\+44 ?7\d{3} ?\d{6}$/),
  fc.stringMatching(/^\d{5,6}$/),
  fc.stringMatching(/^[A-Z][A-Za-z0-9]{2,10}$/),
  text(40).filter(
    (value) => value.trim() !== "" && !CONTROL_CHARACTER.test(value.trim()),
  ),
);

/** A sender with a control character between two visible parts. */
const garbledSender = fc
  .tuple(
    fc.stringMatching(/^\+1[2-9]\d{2}$/),
    fc.integer({ min: 0, max: 0x20 }),
    fc.stringMatching(/^\d{7}$/),
  )
  .map(
    ([head, code, tail]) =>
      `${head}${String.fromCharCode(code === 0x20 ? 0x7f : code)}${tail}`,
  );

const extraParams = fc.dictionary(
  fc.oneof(
    fc.string({ unit: "binary", minLength: 1, maxLength: 20 }),
    fc.constantFrom("__proto__", "constructor", "prototype", "toString"),
    fc.constantFrom("a[b]", "a.b", "ToCountry", "SmsStatus", "ApiVersion"),
  ),
  text(60),
  { maxKeys: 8 },
);

const inboundMessage = fc.record({
  body: text(1_600),
  from: sender,
  extra: extraParams,
});

function buildParams(
  { body, from, extra }: { body: string; from: string; extra: FormParams },
  messageSid: string,
): FormParams {
  const unreadParams = Object.entries(extra).filter(
    ([name]) =>
      !READ_NAMES.has(name) && !/^Media(Url|ContentType)\d/.test(name),
  );

  return {
    ...Object.fromEntries(unreadParams),
    ...inboundParams(inbox.twilio, {
      Body: body,
      From: from,
      MessageSid: messageSid,
      SmsSid: messageSid,
      SmsMessageSid: messageSid,
    }),
  };
}

describe("signed webhook properties", () => {
  test("any signed parameters are stored exactly", async () => {
    await fc.assert(
      fc.asyncProperty(inboundMessage, async (message) => {
        const messageSid = randomSid("SM");
        const params = buildParams(message, messageSid);
        const request = signedWebhookRequest(
          tokenUrl(inbox.company),
          params,
          inbox.twilio.authToken,
        );

        const response = await testApp.app.inject(request);

        expect(response.statusCode).toBe(200);
        const stored = await findMessage(testApp.ctx, messageSid);
        expect(stored?.body).toBe(message.body);
        expect(stored?.from_number).toBe(
          conversationAddress(message.from.trim(), "US"),
        );
        expect(stored?.to_number).toBe(inbox.twilio.defaultNumber);
      }),
      { numRuns: 60 },
    );
  }, 30_000);

  test("a control character inside From is rejected", async () => {
    await fc.assert(
      fc.asyncProperty(garbledSender, async (from) => {
        const messageSid = randomSid("SM");
        const before = await countRows(testApp.ctx);
        const request = signedWebhookRequest(
          tokenUrl(inbox.company),
          buildParams({ body: "Hi", from, extra: {} }, messageSid),
          inbox.twilio.authToken,
        );

        const response = await testApp.app.inject(request);

        expect(response.statusCode).toBe(400);
        expect(response.json().error.message).toContain("From");
        expect(await countRows(testApp.ctx)).toEqual(before);
      }),
      { numRuns: 40 },
    );
  }, 30_000);

  test("any changed byte is rejected", async () => {
    await fc.assert(
      fc.asyncProperty(
        inboundMessage,
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        async (message, position, delta) => {
          const messageSid = randomSid("SM");
          const request = signedWebhookRequest(
            tokenUrl(inbox.company),
            buildParams(message, messageSid),
            inbox.twilio.authToken,
          );
          const bytes = Buffer.from(request.payload);
          const index = position % bytes.length;
          const original = bytes[index] ?? 0;
          bytes[index] = (original + delta) % 256;
          const before = await countRows(testApp.ctx);

          const response = await testApp.app.inject({
            ...request,
            payload: bytes,
          });

          // Only a change the form decoder ignores, such as %2f for %2F,
          // leaves the signed parameters as they were.
          const unchanged = sameForm(request.payload, bytes);
          if (unchanged) {
            expect(response.statusCode).toBe(200);
            return;
          }

          expect(response.statusCode).toBeGreaterThanOrEqual(400);
          expect(response.statusCode).toBeLessThan(500);
          expect(response.json().error.code).toMatch(/^webhook_/);
          expect(await countRows(testApp.ctx)).toEqual(before);
          expect(await findMessage(testApp.ctx, messageSid)).toBeUndefined();
        },
      ),
      { numRuns: 150 },
    );
  }, 30_000);
});

/** Returns whether two form bodies decode to the same parameter list. */
function sameForm(original: string, changed: Buffer): boolean {
  const decode = (form: string) => [...new URLSearchParams(form)];
  // A byte that is not ASCII makes the body invalid UTF-8, which the
  // decoder replaces, so the parameters differ from the signed ones.
  if (changed.some((byte) => byte > 0x7f)) return false;

  return (
    JSON.stringify(decode(original)) ===
    JSON.stringify(decode(changed.toString("latin1")))
  );
}
