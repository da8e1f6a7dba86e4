import { TwilioApiError, twilioErrors } from "./errors.js";

export type CreateMessageFaultStatus = 429 | 500;

export interface FaultSettings {
  /** The next `count` Messages.create requests fail with this HTTP status. */
  createMessage: { count: number; status: CreateMessageFaultStatus } | null;
  /** The next `count` outbound messages end "undelivered" with this code. */
  undelivered: { count: number; errorCode: number } | null;
}

/** Carrier error texts for the codes the sandbox simulates by default. */
const undeliveredMessages: Record<number, string> = {
  30003: "Unreachable destination handset",
  30005: "Unknown destination handset",
  30006: "Landline or unreachable carrier",
  30007: "Message filtered",
  30008: "Unknown error",
};

/** Failures that tests plan ahead. Each one is used up as it fires. */
export class FaultPlan {
  private settings: FaultSettings = { createMessage: null, undelivered: null };
  private holdingCreates = false;
  private readonly heldCreates: (() => void)[] = [];

  current(): FaultSettings {
    return structuredClone(this.settings);
  }

  update(changes: Partial<FaultSettings>): void {
    this.settings = { ...this.settings, ...changes };
  }

  clear(): void {
    this.settings = { createMessage: null, undelivered: null };
    this.releaseCreates();
  }

  /**
   * Holds every Messages.create request, once authenticated, until
   * releaseCreates(), like a Twilio that received a request but has not
   * responded yet. A held request whose client went away still creates its
   * message on release, as Twilio would.
   */
  holdCreates(): void {
    this.holdingCreates = true;
  }

  /** Lets every held Messages.create go on, and stops holding new ones. */
  releaseCreates(): void {
    this.holdingCreates = false;
    for (const release of this.heldCreates.splice(0)) release();
  }

  /** Holding state and the count of Messages.create requests held now. */
  createHold(): { holding: boolean; held: number } {
    return { holding: this.holdingCreates, held: this.heldCreates.length };
  }

  /** Resolves at once, or on release while creates are held. */
  async waitForCreateRelease(): Promise<void> {
    if (!this.holdingCreates) return;

    await new Promise<void>((resolve) => this.heldCreates.push(resolve));
  }

  /** Returns the error for the next Messages.create, if one is planned. */
  takeCreateMessageError(): TwilioApiError | null {
    const fault = this.settings.createMessage;
    if (!fault || fault.count <= 0) return null;

    fault.count -= 1;

    return fault.status === 429
      ? twilioErrors.tooManyRequests()
      : twilioErrors.internal();
  }

  /** Returns the carrier error for the next outbound message, if planned. */
  takeUndelivered(): { code: number; message: string } | null {
    const fault = this.settings.undelivered;
    if (!fault || fault.count <= 0) return null;

    fault.count -= 1;

    return {
      code: fault.errorCode,
      message: undeliveredMessages[fault.errorCode] ?? "Message undelivered",
    };
  }
}
