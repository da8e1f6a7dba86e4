import { newSid } from "./ids.js";
import { countSegments } from "./segments.js";
import type {
  MessageDirection,
  MessageStatus,
  SandboxMessage,
} from "./state-types.js";

export interface MessageFields {
  /** A SID picked in advance; a new one by default. */
  sid?: string;
  accountSid: string;
  from: string;
  to: string;
  body: string;
  mediaUrls: string[];
  mediaContentTypes?: string[];
  direction: MessageDirection;
  status: MessageStatus;
  messagingServiceSid: string | null;
  statusCallback: string | null;
}

/**
 * Returns a new message record. Messages with media get an MM SID, others
 * an SM SID. Received messages count as sent on arrival.
 */
export function buildMessage(fields: MessageFields): SandboxMessage {
  const now = new Date();

  return {
    ...fields,
    sid: fields.sid ?? newSid(fields.mediaUrls.length > 0 ? "MM" : "SM"),
    numSegments: countSegments(fields.body),
    price: null,
    errorCode: null,
    errorMessage: null,
    dateCreated: now,
    dateUpdated: now,
    dateSent: fields.status === "received" ? now : null,
  };
}
