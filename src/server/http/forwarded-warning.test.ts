import { Writable } from "node:stream";
import Fastify, { type FastifyBaseLogger } from "fastify";
import pino from "pino";
import { describe, expect, test } from "vitest";
import { fastifyTrustProxy, type TrustProxy } from "../trust-proxy.js";
import {
  warnAboutHopCount,
  warnAboutUntrustedProxy,
} from "./forwarded-warning.js";

function captureLogger(lines: string[]): FastifyBaseLogger {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });

  return pino({ level: "warn" }, sink);
}

async function warningsFor(
  trustProxy: TrustProxy,
  headers: Record<string, string>[],
): Promise<string[]> {
  const lines: string[] = [];
  const app = Fastify({
    loggerInstance: captureLogger(lines),
    trustProxy: fastifyTrustProxy(trustProxy),
  });
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

  test("warns once for an unlisted sender", async () => {
    const forwarded = { "x-forwarded-for": "203.0.113.9" };

    const warnings = await warningsFor(["10.0.0.0/8"], [forwarded, forwarded]);

    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("does not list");
    expect(warnings[0]).toContain('"remoteAddress":"127.0.0.1"');
  });

  test("stays quiet with a hop count", async () => {
    const forwarded = { "x-forwarded-for": "203.0.113.9" };

    expect(await warningsFor(1, [forwarded])).toEqual([]);
  });
});

describe("warnAboutHopCount", () => {
  function warningsFor(trustProxy: TrustProxy, host: string): string[] {
    const lines: string[] = [];
    warnAboutHopCount(captureLogger(lines), trustProxy, host);

    return lines;
  }

  test.each(["0.0.0.0", "::", "192.168.1.5"])("warns on HOST %s", (host) => {
    const warnings = warningsFor(1, host);

    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("TRUST_PROXY is a hop count");
  });

  test.each(["127.0.0.1", "::1", "localhost"])("quiet on HOST %s", (host) => {
    expect(warningsFor(1, host)).toEqual([]);
  });

  test("quiet with an address list", () => {
    expect(warningsFor(["10.0.0.1"], "0.0.0.0")).toEqual([]);
  });
});
