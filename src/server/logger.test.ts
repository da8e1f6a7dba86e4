import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { loggerOptions } from "./logger.js";

function captureRequestLine(url: string): string {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const logger = pino(loggerOptions("info"), sink);
  logger.info({ req: { method: "POST", url } }, "incoming request");

  return lines.join("");
}

describe("request serializer", () => {
  it("drops query strings", () => {
    const line = captureRequestLine(
      "/api/plugins/sms-chat/uploads?filename=Maya%20Rivera.png",
    );

    expect(line).not.toContain("Maya");
    expect(line).toContain("/api/plugins/sms-chat/uploads?[redacted]");
  });

  it("masks webhook tokens", () => {
    const line = captureRequestLine(
      "/v1/plugins/sms-chat/webhook/0123456789abcdef",
    );

    expect(line).not.toContain("0123456789abcdef");
    expect(line).toContain("/webhook/[redacted]");
  });
});
