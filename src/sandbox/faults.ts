import type { Socket } from "node:net";
import type { FastifyReply } from "fastify";
import { twilioErrors } from "./errors.js";

export type CreateMessageFaultStatus = 429 | 500;

/**
 * A planned failure of the next `count` Messages.create requests, once
 * authenticated:
 * - an HTTP error with `status` (`fault` may be left out);
 * - "hang": no response and no message until the client gives up, or with
 *   `delayMs`, a message created at once and its response sent that many
 *   milliseconds later, like a Twilio whose response is lost or late;
 * - "reset": the connection is destroyed and no message is created.
 */
export type CreateMessageFault =
  | { count: number; fault?: "error"; status: CreateMessageFaultStatus }
  | { count: number; fault: "hang"; delayMs: number | null }
  | { count: number; fault: "reset" };

/** The Messages.create route's next step after a planned fault ran. */
export type CreateMessageOutcome =
  { abandoned: true } | { abandoned: false; responseDelayMs: number };

export interface FaultSettings {
  createMessage: CreateMessageFault | null;
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
  /** Connections of Messages.create requests that hang without a delay. */
  private readonly hungSockets = new Set<Socket>();

  current(): FaultSettings {
    return structuredClone(this.settings);
  }

  update(changes: Partial<FaultSettings>): void {
    this.settings = { ...this.settings, ...changes };
  }

  clear(): void {
    this.settings = { createMessage: null, undelivered: null };
    this.releaseCreates();
    for (const socket of this.hungSockets) socket.destroy();
    this.hungSockets.clear();
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

  /**
   * Applies the fault planned for the next Messages.create, if any. Throws
   * the planned HTTP error, or takes the connection over through `reply` to
   * hang or reset it, in which case the route must neither respond nor
   * create the message.
   */
  async runCreateMessageFault(
    reply: FastifyReply,
  ): Promise<CreateMessageOutcome> {
    const fault = this.settings.createMessage;
    if (!fault || fault.count <= 0) {
      return { abandoned: false, responseDelayMs: 0 };
    }

    fault.count -= 1;
    switch (fault.fault) {
      case undefined:
      case "error":
        throw fault.status === 429
          ? twilioErrors.tooManyRequests()
          : twilioErrors.internal();
      case "hang":
        if (fault.delayMs !== null) {
          return { abandoned: false, responseDelayMs: fault.delayMs };
        }

        await this.hang(reply);
        return { abandoned: true };
      case "reset":
        reply.hijack();
        reply.raw.socket?.destroy();
        return { abandoned: true };
    }
  }

  /** Holds the connection open without a response until it closes. */
  private async hang(reply: FastifyReply): Promise<void> {
    reply.hijack();
    const socket = reply.raw.socket;
    if (!socket || socket.destroyed) return;

    this.hungSockets.add(socket);
    await new Promise((resolve) => socket.once("close", resolve));
    this.hungSockets.delete(socket);
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
