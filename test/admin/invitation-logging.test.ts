import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { loggerOptions } from "../../src/server/logger.js";

function logRequest(url: string): string {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  pino(loggerOptions("info"), sink).info(
    { req: { method: "GET", url } },
    "incoming request",
  );

  return lines.join("");
}

describe("invite link logging", () => {
  it.each([
    ["/invite/SECRETtoken123", "/invite/[redacted]"],
    ["/api/invitations/SECRETtoken123", "/api/invitations/[redacted]"],
    [
      "/api/invitations/SECRETtoken123/accept",
      "/api/invitations/[redacted]/accept",
    ],
  ])("masks the token in %s", (url, masked) => {
    const line = logRequest(url);

    expect(line).not.toContain("SECRETtoken123");
    expect(line).toContain(masked);
  });
});
