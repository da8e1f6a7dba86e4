import type { SandboxContext } from "./context.js";
import { prepareInboundMedia } from "./inbound-media.js";
import { inboundTarget, type InboundTarget } from "./inbound-target.js";
import { inboundWebhookParams } from "./inbound-params.js";
import type { MediaFile } from "./media-store.js";
import { buildMessage } from "./new-message.js";
import type { SignedResponse } from "./signed-request.js";
import type { SandboxMessage, SandboxNumber } from "./state-types.js";
import { isTwimlContentType, readTwimlMessages } from "./twiml.js";

export interface InboundText {
  from: string;
  body: string;
  mediaUrls: string[];
  /** Files to host as the message's Media, at URLs under `origin`. */
  hosted?: { files: MediaFile[]; origin: string };
}

export interface WebhookOutcome {
  url: string;
  method: string;
  status: number;
  /** The response body, cut to its first 2,000 characters. */
  body: string;
}

export interface InboundResult {
  messageSid: string;
  accountSid: string;
  /** The webhook's response; null when it was not called or the call failed. */
  webhook: WebhookOutcome | null;
  /** The webhook problem; null when the webhook returned 2xx TwiML. */
  error: string | null;
  /** The texts of the TwiML <Message> replies, sent back to the handset. */
  replies: string[];
}

// Single-word replies that opt a sender out or back in under Twilio's
// default opt-out handling for long codes.
const stopWords = new Set([
  "STOP",
  "STOPALL",
  "UNSUBSCRIBE",
  "CANCEL",
  "END",
  "QUIT",
  "REVOKE",
  "OPTOUT",
]);
const startWords = new Set(["START", "YES", "UNSTOP"]);
const maxWebhookBody = 2000;

/**
 * Records a text from a customer's handset to a business number and calls
 * the number's SMS URL, or its Messaging Service's inbound request URL, the
 * way Twilio does. Like Twilio, STOP and START words opt the customer out
 * of, or back in to, texts from that number or its Messaging Service, and
 * still reach the webhook.
 */
export async function receiveInbound(
  ctx: SandboxContext,
  number: SandboxNumber,
  text: InboundText,
): Promise<InboundResult> {
  const media = prepareInboundMedia(ctx.state, number.accountSid, {
    mediaUrls: text.mediaUrls,
    files: text.hosted?.files ?? [],
    origin: text.hosted?.origin ?? "",
  });
  const message = ctx.state.addMessage(
    buildMessage({
      from: text.from,
      body: text.body,
      ...media,
      accountSid: number.accountSid,
      to: number.phoneNumber,
      direction: "inbound",
      status: "received",
      messagingServiceSid: number.messagingServiceSid,
      statusCallback: null,
    }),
  );
  applyOptOutWord(ctx, number, message);
  const base = { messageSid: message.sid, accountSid: message.accountSid };
  const target = inboundTarget(ctx.state, number);
  if (target.url === "") {
    return { ...base, webhook: null, error: noUrlError(target), replies: [] };
  }

  let response: SignedResponse;
  try {
    response = await ctx.sender.send({
      url: target.url,
      method: target.method,
      params: inboundWebhookParams(message),
      authToken: ctx.state.accounts.get(number.accountSid)?.authToken ?? "",
    });
  } catch (error) {
    ctx.logger.warn(
      { messageSid: message.sid, err: error },
      "incoming-message webhook failed",
    );
    const reason = error instanceof Error ? error.message : String(error);

    return {
      ...base,
      webhook: null,
      error: `The webhook request failed: ${reason}`,
      replies: [],
    };
  }

  const webhook = {
    url: target.url,
    method: target.method,
    status: response.status,
    body: response.body.slice(0, maxWebhookBody),
  };

  return { ...base, webhook, ...readWebhookResponse(ctx, message, response) };
}

// NOTE: Twilio drops a text to a service without an inbound request URL
// and does not log it, but the sandbox records it for tests to inspect.
function noUrlError(target: InboundTarget): string {
  if (target.serviceSid !== null) {
    return (
      `The Messaging Service ${target.serviceSid} has no inbound request ` +
      "URL and does not use the number's webhook, so Twilio would drop " +
      "the text. The sandbox recorded it but called no webhook."
    );
  }

  return (
    "The number has no SMS URL, so the text was recorded " +
    "but no webhook was called."
  );
}

/**
 * Opts the customer out of, or back in to, messages from the number's
 * scope: its Messaging Service when it is in one, else the number alone.
 * START does not lift an account-wide opt-out set through the control API.
 */
function applyOptOutWord(
  ctx: SandboxContext,
  number: SandboxNumber,
  message: SandboxMessage,
) {
  const word = message.body.trim().toUpperCase();
  const isStop = stopWords.has(word);
  if (!isStop && !startWords.has(word)) return;

  const scope = ctx.state.optOutScopeOf(number);
  ctx.state.setSenderOptedOut(message.accountSid, scope, message.from, isStop);
}

/**
 * Reads the webhook's response as Twilio would: only a 2xx TwiML response
 * counts, and its <Message> verbs go back to the customer as texts.
 */
function readWebhookResponse(
  ctx: SandboxContext,
  inbound: SandboxMessage,
  response: SignedResponse,
) {
  if (response.status < 200 || response.status >= 300) {
    return {
      error: `The webhook returned HTTP ${response.status}.`,
      replies: [],
    };
  }

  if (!isTwimlContentType(response.contentType)) {
    const type = response.contentType ?? "none";
    const error =
      `Twilio would log error 12300: the Content-Type is ${type}, ` +
      "not text/xml or application/xml.";

    return { error, replies: [] };
  }

  const replies = readTwimlMessages(response.body);
  for (const body of replies) {
    const reply = ctx.state.addMessage(
      buildMessage({
        accountSid: inbound.accountSid,
        from: inbound.to,
        to: inbound.from,
        body,
        mediaUrls: [],
        direction: "outbound-reply",
        status: "queued",
        messagingServiceSid: inbound.messagingServiceSid,
        statusCallback: null,
      }),
    );
    ctx.lifecycle.start(reply);
  }

  return { error: null, replies };
}
