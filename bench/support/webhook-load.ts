import autocannon from "autocannon";
import type { SignedWebhook } from "./twilio-webhook.js";

export interface LoadResult {
  connections: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Responses other than 200, and connection errors or timeouts. */
  failures: number;
  /** MessageSids that got a 200. */
  acknowledged: Set<string>;
}

/**
 * Posts each webhook once, in order, over `connections` keep-alive
 * connections, and records which MessageSids were acknowledged with 200.
 */
export async function postWebhooks(options: {
  url: string;
  webhooks: readonly SignedWebhook[];
  connections: number;
}): Promise<LoadResult> {
  const { webhooks } = options;
  const acknowledged = new Set<string>();
  let next = 0;
  let failures = 0;

  const started = performance.now();
  // autocannon stops on its one-second tick, so the rate is taken from the
  // last response instead of from when autocannon resolves.
  let lastResponseAt = started;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    amount: webhooks.length,
    timeout: 30,
    requests: [
      {
        method: "POST",
        setupRequest: (request, context) => {
          const webhook = webhooks[next % webhooks.length];
          next += 1;
          if (!webhook) return request;
          (context as { messageSid?: string }).messageSid = webhook.messageSid;

          return {
            ...request,
            headers: {
              "content-type": "application/x-www-form-urlencoded",
              "x-twilio-signature": webhook.signature,
            },
            body: webhook.body,
          };
        },
        onResponse: (status, _body, context) => {
          lastResponseAt = performance.now();
          if (status === 200) {
            const { messageSid } = context as { messageSid?: string };
            if (messageSid) acknowledged.add(messageSid);
          } else {
            failures += 1;
          }
        },
      },
    ],
  });

  const seconds = (lastResponseAt - started) / 1000;

  return {
    connections: options.connections,
    requests: result.requests.total,
    requestsPerSecond: result.requests.total / seconds,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    failures: failures + result.errors + result.timeouts,
    acknowledged,
  };
}
