import type { Db } from "../../db/database.js";
import type { AuditActor } from "../audit/audit-log.js";

/** The Account SID and default number (E.164) of a Twilio connection. */
export interface ConnectionIdentity {
  accountSid: string;
  defaultNumber: string;
}

/** A number on the connected Twilio account (an IncomingPhoneNumber). */
export interface ConnectedAccountNumber {
  /** PN… SID. */
  sid: string;
  phoneNumber: string;
  smsCapable: boolean;
}

/** A saved connection whose Account SID or default number changed. */
export interface TwilioConnectionChange {
  companyId: string;
  actor: AuditActor;
  previous: ConnectionIdentity;
  /** Label the previous default number had, or null when it had none. */
  previousDefaultNumberName: string | null;
  current: ConnectionIdentity;
  /**
   * The numbers on the current account by E.164 number, listed just before
   * the save; null when Twilio could not list them.
   */
  accountNumbers: ReadonlyMap<string, ConnectedAccountNumber> | null;
}

/**
 * Receives a connection change inside the writer's transaction, so what the
 * listener writes commits or rolls back with the new connection. Returns
 * sentences for the staff member who saved it, such as which numbers stay
 * in an inbox.
 */
export type TwilioConnectionChangeListener = (
  db: Db,
  change: TwilioConnectionChange,
) => Promise<string[]>;

const listeners = new Set<TwilioConnectionChangeListener>();

/**
 * Registers a listener for changes of a company's Account SID or default
 * number, so a plugin can move its data to the new connection. Returns a
 * function that removes the listener.
 */
export function onTwilioConnectionChanged(
  listener: TwilioConnectionChangeListener,
): () => void {
  listeners.add(listener);

  return () => listeners.delete(listener);
}

/** Runs every listener on `db`, one after another; returns their notices. */
export async function announceTwilioConnectionChanged(
  db: Db,
  change: TwilioConnectionChange,
): Promise<string[]> {
  const notices: string[] = [];
  for (const listener of listeners)
    notices.push(...(await listener(db, change)));

  return notices;
}
