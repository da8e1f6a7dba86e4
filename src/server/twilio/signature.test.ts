import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { z } from "zod";
import { isValidTwilioSignature, signedWebhookUrl } from "./signature.js";

const Params = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
const Fixture = z.object({
  auth_token: z.string(),
  vectors: z.array(
    z.object({
      name: z.string(),
      url: z.string(),
      params: Params,
      signature: z.string(),
      valid: z.boolean(),
    }),
  ),
  sms_webhook: z.object({
    auth_token: z.string(),
    url: z.string(),
    params: z.record(z.string(), z.string()),
    signature: z.string(),
  }),
});

const fixture = Fixture.parse(
  JSON.parse(
    readFileSync(
      new URL("../../../test/fixtures/signature-vectors.json", import.meta.url),
      "utf8",
    ),
  ),
);

describe("twilio signature vectors", () => {
  for (const vector of fixture.vectors) {
    test(`vector: ${vector.name}`, () => {
      const valid = isValidTwilioSignature(
        fixture.auth_token,
        vector.signature,
        vector.url,
        vector.params,
      );

      expect(valid).toBe(vector.valid);
    });
  }
});

describe("sms webhook example", () => {
  const example = fixture.sms_webhook;

  test("validates with its token", () => {
    const valid = isValidTwilioSignature(
      example.auth_token,
      example.signature,
      example.url,
      example.params,
    );

    expect(valid).toBe(true);
  });

  test("fails with another token", () => {
    const valid = isValidTwilioSignature(
      fixture.auth_token,
      example.signature,
      example.url,
      example.params,
    );

    expect(valid).toBe(false);
  });

  test("fails with an internal url", () => {
    const internalUrl = example.url.replace(
      "https://inbox.example.com",
      "http://internal:3000",
    );
    const valid = isValidTwilioSignature(
      example.auth_token,
      example.signature,
      internalUrl,
      example.params,
    );

    expect(valid).toBe(false);
  });

  test("fails without one parameter", () => {
    const { ApiVersion: _dropped, ...params } = example.params;
    const valid = isValidTwilioSignature(
      example.auth_token,
      example.signature,
      example.url,
      params,
    );

    expect(valid).toBe(false);
  });
});

describe("signedWebhookUrl", () => {
  test("joins public url and path", () => {
    const url = signedWebhookUrl(
      "https://inbox.example.com",
      "/v1/plugins/sms-chat/webhook/abc",
    );

    expect(url).toBe(
      "https://inbox.example.com/v1/plugins/sms-chat/webhook/abc",
    );
  });

  test("keeps a path prefix", () => {
    const url = signedWebhookUrl(
      "https://example.com/prefix",
      "/v1/plugins/sms-chat/webhook",
    );

    expect(url).toBe("https://example.com/prefix/v1/plugins/sms-chat/webhook");
  });

  test("keeps the query string", () => {
    const url = signedWebhookUrl(
      "https://example.com/prefix/",
      "/v1/plugins/sms-chat/webhook?site=2",
    );

    expect(url).toBe(
      "https://example.com/prefix/v1/plugins/sms-chat/webhook?site=2",
    );
  });
});
