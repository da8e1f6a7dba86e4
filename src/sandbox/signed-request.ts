import { randomUUID } from "node:crypto";
import twilio from "twilio";
import type { HttpMethod } from "./state-types.js";

export interface SignedRequest {
  url: string;
  method: HttpMethod;
  params: Record<string, string>;
  authToken: string;
}

export interface SignedResponse {
  status: number;
  contentType: string | null;
  body: string;
}

/** Sends Twilio's webhooks and status callbacks, signed as Twilio signs them. */
export class WebhookSender {
  private readonly closing = new AbortController();

  constructor(private readonly timeoutMs: number) {}

  /**
   * Sends the request and returns the response. A POST carries the params
   * as a form and is signed over the URL plus every param. A GET carries
   * them in the query string and is signed over that full URL alone, which
   * is what twilio-node's validateRequest expects. Rejects on network
   * errors and timeouts.
   */
  async send(request: SignedRequest): Promise<SignedResponse> {
    const isGet = request.method === "GET";
    // Twilio reads a URL fragment as connection settings and never sends it.
    const target = request.url.split("#")[0] ?? request.url;
    const url = isGet ? appendQuery(target, request.params) : target;
    const signedParams = isGet ? {} : request.params;
    const signature = twilio.getExpectedTwilioSignature(
      request.authToken,
      url,
      signedParams,
    );
    const response = await fetch(url, {
      method: request.method,
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "User-Agent": "TwilioProxy/1.1",
        "X-Twilio-Signature": signature,
        "I-Twilio-Idempotency-Token": randomUUID(),
      },
      body: isGet ? undefined : new URLSearchParams(request.params).toString(),
      signal: AbortSignal.any([
        this.closing.signal,
        AbortSignal.timeout(this.timeoutMs),
      ]),
    });

    return {
      status: response.status,
      contentType: response.headers.get("content-type"),
      body: await response.text(),
    };
  }

  /** Aborts every request still in flight. */
  close(): void {
    this.closing.abort();
  }
}

function appendQuery(url: string, params: Record<string, string>): string {
  const query = new URLSearchParams(params).toString();
  if (query === "") return url;

  return url + (url.includes("?") ? "&" : "?") + query;
}
