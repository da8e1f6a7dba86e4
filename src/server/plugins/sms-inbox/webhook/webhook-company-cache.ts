import { onCompanyChanged } from "../../../host/company-changes.js";
import type { StoredTwilioConnection } from "../../../host/twilio-connection-store.js";

/**
 * How long this process reuses a company's webhook lookups, in
 * milliseconds. A change made through another instance, such as a rotated
 * token, a new auth token or a removed number, takes effect here at most
 * this long after it commits. Changes made through this process take
 * effect at once, because their writers call invalidateWebhookCompany.
 */
export const WEBHOOK_COMPANY_TTL_MS = 5_000;

/** Maximum companies kept; the least recently used one is dropped first. */
const MAX_CACHED_COMPANIES = 1_000;

/** The rows that decide whether a company accepts a webhook. */
export interface WebhookCompanyRecord {
  id: string;
  country: string;
  connection: StoredTwilioConnection;
  /** The company's inbox numbers as stored, the default number included. */
  numbers: readonly string[];
}

interface Entry {
  record: WebhookCompanyRecord;
  /** The company's current webhook token, when it was looked up by token. */
  token: string | null;
  expiresAt: number;
}

// Process-wide, like the event listeners in events/event-signal.ts: company
// ids and tokens are random, so apps on different databases in one process
// (tests) never read each other's entries.
const byCompanyId = new Map<string, Entry>();
const companyIdByToken = new Map<string, string>();

/**
 * Returns the cached record of the company whose current webhook token is
 * `token`, or undefined when there is none or it is older than the TTL.
 */
export function cachedCompanyByToken(
  token: string,
  now = Date.now(),
): WebhookCompanyRecord | undefined {
  const companyId = companyIdByToken.get(token);
  if (companyId === undefined) return undefined;

  return cachedCompany(companyId, now);
}

/** Returns the cached record of a company, or undefined when stale. */
export function cachedCompany(
  companyId: string,
  now = Date.now(),
): WebhookCompanyRecord | undefined {
  const entry = byCompanyId.get(companyId);
  if (!entry) return undefined;

  if (entry.expiresAt <= now) {
    dropEntry(companyId, entry);
    return undefined;
  }
  // Re-inserting keeps the map in least-recently-used order.
  byCompanyId.delete(companyId);
  byCompanyId.set(companyId, entry);

  return entry.record;
}

/**
 * Caches a company that accepts webhooks. `token` is its current webhook
 * token, or null when it was found another way. Callers cache only a company
 * that is connected to Twilio and has SMS Inbox installed, so a company
 * that becomes able to receive is never held back by a stale entry.
 */
export function cacheWebhookCompany(
  record: WebhookCompanyRecord,
  token: string | null,
  now = Date.now(),
): void {
  const existing = byCompanyId.get(record.id);
  if (existing) dropEntry(record.id, existing);

  byCompanyId.set(record.id, {
    record,
    token,
    expiresAt: now + WEBHOOK_COMPANY_TTL_MS,
  });
  if (token !== null) companyIdByToken.set(token, record.id);

  if (byCompanyId.size > MAX_CACHED_COMPANIES) {
    const [oldestId, oldest] = byCompanyId.entries().next().value ?? [];
    if (oldestId !== undefined && oldest) dropEntry(oldestId, oldest);
  }
}

/**
 * Forgets a company's webhook lookups. Call it after a change to the
 * company's webhook token, Twilio connection, inbox numbers or plugin
 * installation has committed.
 */
export function invalidateWebhookCompany(companyId: string): void {
  const entry = byCompanyId.get(companyId);
  if (entry) dropEntry(companyId, entry);
}

// Host changes (country, Twilio connection, plugin installation) also drop
// the company's entry.
onCompanyChanged(invalidateWebhookCompany);

function dropEntry(companyId: string, entry: Entry): void {
  byCompanyId.delete(companyId);
  if (entry.token !== null && companyIdByToken.get(entry.token) === companyId) {
    companyIdByToken.delete(entry.token);
  }
}
