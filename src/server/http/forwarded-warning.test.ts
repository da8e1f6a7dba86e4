import { Writable } from "node:stream";
import Fastify, { type FastifyBaseLogger } from "fastify";
import pino from "pino";
import { describe, expect, test } from "vitest";
import type { TrustProxy } from "../trust-proxy.js";
import { warnAboutUntrustedProxy } from "./forwarded-warning.js";

async function warningsFor(
  trustProxy: TrustProxy,
  headers: Record<string, string>[],
): Promise<string[]> {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const logger: FastifyBaseLogger = pino({ level: "warn" }, sink);
  const app = Fastify({ loggerInstance: logger });
  warnAboutUntrustedProxy(app, trustProxy);
  app.get("/", async () => "ok");
  for (const requestHeaders of headers) {
    await app.inject({ url: "/", headers: requestHeaders });
  }
  await app.close();

  return lines.filter((line) => line.includes("TRUST_PROXY"));
}

describe("warnAboutUntrustedProxy", () => {
  test("warns once without TRUST_PROXY", async () => {
    const forwarded = { "x-forwarded-for": "203.0.113.9" };

    const warnings = await warningsFor(false, [{}, forwarded, forwarded]);

    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('"remoteAddress":"127.0.0.1"');
  });

  test("stays quiet without the header", async () => {
    expect(await warningsFor(false, [{}, {}])).toEqual([]);
  });

  test("stays quiet with TRUST_PROXY", async () => {
    const forwarded = { "x-forwarded-for": "203.0.113.9" };

    expect(await warningsFor(["127.0.0.1"], [forwarded])).toEqual([]);
  });
});
