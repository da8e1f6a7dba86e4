import type { FastifyBaseLogger } from "fastify";
import { API_VERSION } from "./presenters.js";
import { countSegments } from "./segments.js";
import type { WebhookSender } from "./signed-request.js";
import type { SandboxState } from "./state.js";
import type { MessageStatus, SandboxMessage } from "./state-types.js";

/** An illustrative price per segment in USD, so `price` has a real shape. */
const pricePerSegment = 0.0079;

/**
 * Moves outbound messages through Twilio's statuses on timers, one step
 * every `stepDelayMs`: accepted (Messaging Service only), queued, sent,
 * then delivered or undelivered. Like Twilio, it sends a status callback
 * for every status except the one the create response already reported.
 */
export class MessageLifecycle {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly state: SandboxState,
    private readonly sender: WebhookSender,
    private readonly stepDelayMs: number,
    private readonly logger: FastifyBaseLogger,
  ) {}

  start(message: SandboxMessage): void {
    const steps: MessageStatus[] =
      message.status === "accepted" ? ["queued", "sent"] : ["sent"];
    const failure = this.state.faults.takeUndelivered();
    steps.push(failure ? "undelivered" : "delivered");
    this.schedule(message, steps, failure);
  }

  /** Cancels every pending status change. */
  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(
    message: SandboxMessage,
    steps: MessageStatus[],
    failure: { code: number; message: string } | null,
  ) {
    const [next, ...rest] = steps;
    if (!next) return;

    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.advance(message, next, failure);
      this.schedule(message, rest, failure);
    }, this.stepDelayMs);
    this.timers.add(timer);
  }

  private advance(
    message: SandboxMessage,
    status: MessageStatus,
    failure: { code: number; message: string } | null,
  ) {
    const now = new Date();
    message.status = status;
    message.dateUpdated = now;
    if (message.numSegments === 0) {
      message.numSegments = countSegments(message.body);
    }
    if (status === "sent") {
      message.dateSent = now;
      message.price = (-pricePerSegment * message.numSegments).toFixed(5);
    }
    if (status === "undelivered" && failure) {
      message.errorCode = failure.code;
      message.errorMessage = failure.message;
    }

    void this.sendStatusCallback(message);
  }

  private async sendStatusCallback(message: SandboxMessage) {
    const account = this.state.accounts.get(message.accountSid);
    if (!message.statusCallback || !account) return;

    try {
      const response = await this.sender.send({
        url: message.statusCallback,
        method: "POST",
        params: statusCallbackParams(message),
        authToken: account.authToken,
      });
      this.logger.info(
        {
          messageSid: message.sid,
          status: message.status,
          statusCode: response.status,
        },
        "status callback delivered",
      );
    } catch (error) {
      this.logger.warn(
        { messageSid: message.sid, status: message.status, err: error },
        "status callback failed",
      );
    }
  }
}

/** Builds the form that Twilio posts to a message's StatusCallback URL. */
export function statusCallbackParams(message: SandboxMessage) {
  const params: Record<string, string> = {
    ApiVersion: API_VERSION,
    AccountSid: message.accountSid,
    From: message.from,
    MessageSid: message.sid,
    MessageStatus: message.status,
    SmsSid: message.sid,
    SmsStatus: message.status,
    To: message.to,
  };
  if (message.messagingServiceSid) {
    params.MessagingServiceSid = message.messagingServiceSid;
  }
  if (message.errorCode !== null) {
    params.ErrorCode = String(message.errorCode);
    params.ErrorMessage = message.errorMessage ?? "";
  }
  if (message.status === "delivered" || message.status === "undelivered") {
    params.RawDlrDoneDate = rawDlrDoneDate(message.dateUpdated);
  }

  return params;
}

/** Formats a time as YYMMDDhhmm in UTC, the shape of RawDlrDoneDate. */
function rawDlrDoneDate(date: Date): string {
  const iso = date.toISOString();

  return (
    iso.slice(2, 4) +
    iso.slice(5, 7) +
    iso.slice(8, 10) +
    iso.slice(11, 13) +
    iso.slice(14, 16)
  );
}
