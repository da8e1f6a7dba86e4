import { Writable } from "node:stream";
import pino from "pino";
import { expect, test } from "vitest";
import { bindLog, withCompanyId } from "./request-log.js";

function capturedLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });

  return { log: pino({ level: "info" }, stream).child({ reqId: "r1" }), lines };
}

test("bindLog extends the logger it is given", () => {
  const { log, lines } = capturedLogger();

  const bound = bindLog(log, { messageSid: "SM1" });
  bound.info("stored");

  expect(bound).toBe(log);
  expect(JSON.parse(lines[0] ?? "")).toMatchObject({
    reqId: "r1",
    messageSid: "SM1",
  });
});

test("the same company id is bound once", () => {
  const { log, lines } = capturedLogger();

  const first = withCompanyId(log, "company-1");
  const second = withCompanyId(first, "company-1");
  second.info("stored");

  expect(second).toBe(log);
  expect(lines[0]?.match(/"companyId"/g)).toHaveLength(1);
});

test("another company's id goes on a child, not on the bound logger", () => {
  const { log, lines } = capturedLogger();
  const first = withCompanyId(log, "company-1");

  const other = withCompanyId(first, "company-2");
  other.info("other");
  first.info("first");

  expect(other).not.toBe(first);
  expect(JSON.parse(lines[0] ?? "").companyId).toBe("company-2");
  expect(JSON.parse(lines[1] ?? "").companyId).toBe("company-1");
});
