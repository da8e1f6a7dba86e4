import type { MessageInstance } from "twilio/lib/rest/api/v2010/account/message.js";
import type { TwilioClient } from "../../../twilio/client.js";
import type {
  DeliveryOutcome,
  OutboundMessage,
} from "../messages/outbound-store.js";

/** How far before the send request a Twilio message may have been created. */
const WINDOW_MS = 60_000;
const DATED_LIST_LIMIT = 100;
const RECENT_LIST_LIMIT = 20;

export interface CopySearch {
  message: OutboundMessage;
  /** When the current send was requested, as ISO 8601. */
  queuedAt: string;
  /** Returns which of these SIDs our other messages already store. */
  findStoredSids(sids: readonly string[]): Promise<Set<string>>;
}

/**
 * Finds the Twilio message that an interrupted attempt created, or returns
 * null when Twilio has none, so that a resend cannot send the text twice.
 * A stored SID is fetched. Without one, Twilio's messages between the same
 * two numbers since a minute before the request are matched by body and
 * creation time. SIDs that another of our messages stores are skipped, so
 * two texts with the same words each adopt their own copy.
 */
export async function findTwilioCopy(
  client: TwilioClient,
  search: CopySearch,
): Promise<DeliveryOutcome | null> {
  const { message } = search;
  if (message.twilioSid) {
    return outcomeOf(await client.messages(message.twilioSid).fetch());
  }

  const since = new Date(Date.parse(search.queuedAt) - WINDOW_MS);
  const route = { to: message.to, from: message.from };
  const dated = await client.messages.list({
    ...route,
    dateSentAfter: since,
    limit: DATED_LIST_LIMIT,
  });
  const match = await pickCopy(dated, search, since);
  if (match) return outcomeOf(match);

  // Twilio sets date_sent only once a message leaves its queue, so a copy
  // still queued there is missing from the dated list.
  const recent = await client.messages.list({
    ...route,
    limit: RECENT_LIST_LIMIT,
  });
  const queued = await pickCopy(recent, search, since);

  return queued ? outcomeOf(queued) : null;
}

/** Returns the oldest matching message that no other message stores. */
async function pickCopy(
  listed: MessageInstance[],
  search: CopySearch,
  since: Date,
): Promise<MessageInstance | undefined> {
  const matches = listed
    .filter(
      (candidate) =>
        candidate.direction !== "inbound" &&
        candidate.body === search.message.body &&
        candidate.dateCreated.getTime() >= since.getTime(),
    )
    .sort((a, b) => a.dateCreated.getTime() - b.dateCreated.getTime());
  const taken = await search.findStoredSids(matches.map((item) => item.sid));

  return matches.find((candidate) => !taken.has(candidate.sid));
}

function outcomeOf(found: MessageInstance): DeliveryOutcome {
  return {
    status: found.status,
    twilioSid: found.sid,
    errorCode: found.errorCode ?? null,
    errorMessage: found.errorMessage ?? null,
  };
}
