import type { SandboxMessage } from "../../src/sandbox/state-types.js";

export interface NumberRate {
  from: string;
  sent: number;
  /** Maximum sends in any window of one second that starts at a send. */
  maxPerSecond: number;
  /** Smallest time between two consecutive sends, in ms. */
  minGapMs: number;
}

/** Returns, for each sending number, the densest second and smallest gap. */
export function measureNumberRates(sent: SandboxMessage[]): NumberRate[] {
  const timesByNumber = new Map<string, number[]>();
  for (const message of sent) {
    const times = timesByNumber.get(message.from) ?? [];
    times.push(message.dateCreated.getTime());
    timesByNumber.set(message.from, times);
  }

  return [...timesByNumber.entries()].map(([from, unsorted]) => {
    const times = unsorted.sort((a, b) => a - b);
    let maxPerSecond = 0;
    let end = 0;
    let minGapMs = Number.POSITIVE_INFINITY;
    for (let start = 0; start < times.length; start += 1) {
      const windowStart = times[start] ?? 0;
      while (end < times.length && (times[end] ?? 0) < windowStart + 1_000) {
        end += 1;
      }
      maxPerSecond = Math.max(maxPerSecond, end - start);
      const next = times[start + 1];
      if (next !== undefined) minGapMs = Math.min(minGapMs, next - windowStart);
    }

    return { from, sent: times.length, maxPerSecond, minGapMs };
  });
}

export interface ExactlyOnce {
  queued: number;
  /** Creates that the sandbox stored. */
  sandboxCount: number;
  /** Distinct bodies among them; each queued text has its own body. */
  distinctBodies: number;
  /** Outbound messages with a Twilio SID in the database. */
  storedWithSid: number;
  /** Stored SIDs that the sandbox has too. */
  matchingSids: number;
}

export function checkExactlyOnce(
  queued: string[],
  sent: SandboxMessage[],
  storedSids: string[],
): ExactlyOnce {
  const sandboxSids = new Set(sent.map((message) => message.sid));

  return {
    queued: queued.length,
    sandboxCount: sent.length,
    distinctBodies: new Set(sent.map((message) => message.body)).size,
    storedWithSid: storedSids.length,
    matchingSids: storedSids.filter((sid) => sandboxSids.has(sid)).length,
  };
}

/** True when every queued text reached the sandbox once and was stored. */
export function isExactlyOnce(check: ExactlyOnce): boolean {
  return (
    check.sandboxCount === check.queued &&
    check.distinctBodies === check.queued &&
    check.storedWithSid === check.queued &&
    check.matchingSids === check.queued
  );
}
