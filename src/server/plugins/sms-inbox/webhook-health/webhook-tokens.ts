import { randomBytes } from "node:crypto";
import type { Db } from "../../../db/database.js";
import { errors } from "../../../errors.js";

/**
 * How long the token before a rotation keeps working, so texts arriving
 * before each number on Twilio is updated still reach the inbox.
 */
export const PREVIOUS_TOKEN_GRACE_MS = 24 * 60 * 60 * 1000;

export interface WebhookTokens {
  current: string;
  /** The token before the last rotation while it is still accepted. */
  previous: { token: string; validUntil: string } | null;
}

/** Loads the company's webhook tokens as of `now`. */
export async function loadWebhookTokens(
  db: Db,
  companyId: string,
  now: Date = new Date(),
): Promise<WebhookTokens> {
  const row = await db
    .selectFrom("companies")
    .select([
      "webhook_token",
      "previous_webhook_token",
      "previous_webhook_token_expires_at",
    ])
    .where("id", "=", companyId)
    .executeTakeFirst();
  if (!row) throw errors.notFound("The company");

  return {
    current: row.webhook_token,
    previous: activePrevious(
      row.previous_webhook_token,
      row.previous_webhook_token_expires_at,
      now,
    ),
  };
}

function activePrevious(
  token: string | null,
  expiresAt: string | null,
  now: Date,
): WebhookTokens["previous"] {
  if (token === null || expiresAt === null) return null;

  if (expiresAt <= now.toISOString()) return null;

  return { token, validUntil: expiresAt };
}

/** Returns a new random webhook token: 16 bytes as hex, like the first one. */
export function newWebhookToken(): string {
  return randomBytes(16).toString("hex");
}

/**
 * Replaces the company's token and keeps the old one working for
 * PREVIOUS_TOKEN_GRACE_MS. Only one previous token is kept, so a rotation
 * while the previous token is still accepted is rejected with 409: it would
 * stop that token at once, and Twilio does not redeliver the texts of
 * numbers still using it. expirePreviousWebhookToken ends it on request.
 * Returns when the previous token expires.
 */
export async function rotateWebhookToken(
  db: Db,
  companyId: string,
  now: Date = new Date(),
): Promise<{ previousTokenValidUntil: string }> {
  const current = await db
    .selectFrom("companies")
    .select(["webhook_token", "previous_webhook_token_expires_at"])
    .where("id", "=", companyId)
    .executeTakeFirst();
  if (!current) throw errors.notFound("The company");

  const pendingUntil = current.previous_webhook_token_expires_at;
  if (pendingUntil !== null && pendingUntil > now.toISOString()) {
    throw errors.conflict(
      `The previous webhook URL is still accepted until ${readableUtc(pendingUntil)}, so numbers can move to the current one. Rotating again now would reject texts to numbers still on it. Set the webhook on every number under Webhook status, then rotate again after that time, or stop accepting the previous URL first.`,
    );
  }

  const previousTokenValidUntil = new Date(
    now.getTime() + PREVIOUS_TOKEN_GRACE_MS,
  ).toISOString();
  const result = await db
    .updateTable("companies")
    .set({
      webhook_token: newWebhookToken(),
      previous_webhook_token: current.webhook_token,
      previous_webhook_token_expires_at: previousTokenValidUntil,
    })
    .where("id", "=", companyId)
    .where("webhook_token", "=", current.webhook_token)
    .executeTakeFirst();
  // Another request rotated the token between the read and the update.
  if (result.numUpdatedRows === 0n) {
    throw errors.conflict(
      "The webhook token was rotated by someone else at the same time. Reload the page to see the new token.",
    );
  }

  return { previousTokenValidUntil };
}

/**
 * Stops accepting the token before the last rotation at once, for a URL
 * that may have leaked, and allows the next rotation. Texts that Twilio
 * sends to numbers still on that URL are rejected from then on. Throws 409
 * when no previous token is accepted. Returns when it would have expired.
 */
export async function expirePreviousWebhookToken(
  db: Db,
  companyId: string,
  now: Date = new Date(),
): Promise<{ previousTokenValidUntil: string }> {
  const tokens = await loadWebhookTokens(db, companyId, now);
  if (!tokens.previous) throw noPreviousToken();

  // Of two concurrent requests, only the first matches the token.
  const result = await db
    .updateTable("companies")
    .set({
      previous_webhook_token: null,
      previous_webhook_token_expires_at: null,
    })
    .where("id", "=", companyId)
    .where("previous_webhook_token", "=", tokens.previous.token)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw noPreviousToken();

  return { previousTokenValidUntil: tokens.previous.validUntil };
}

function noPreviousToken() {
  return errors.conflict(
    "No previous webhook URL is accepted any more, so there is nothing to stop. Reload the page to see the current state.",
  );
}

/** Formats an ISO 8601 UTC time as "2026-12-05 14:30 UTC". */
function readableUtc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
