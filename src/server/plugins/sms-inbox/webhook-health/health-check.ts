import { unreachablePublicUrl } from "./public-url-reach.js";
import type { WebhookHealthReport } from "../../../../common/webhook-health-api.js";
import type { AppContext } from "../../../context.js";
import { nowIso } from "../../../db/ids.js";
import { errors } from "../../../errors.js";
import { findConnectedTwilio } from "../twilio/connected-twilio.js";
import { mapWithConcurrency } from "./concurrency.js";
import {
  deleteLookupsExcept,
  loadLookups,
  saveLookups,
  type CachedLookup,
} from "./health-cache.js";
import { presentNumberHealth, type HealthFacts } from "./health-presenter.js";
import {
  listCheckedNumbers,
  loadLastInboundTimes,
  type CheckedNumber,
} from "./inbox-number-list.js";
import {
  lookUpMessagingServices,
  membershipOf,
  type ServiceDirectory,
  type ServiceMembership,
} from "./messaging-service-lookup.js";
import {
  loadServiceMemberships,
  saveServiceMemberships,
} from "./service-membership-store.js";
import { lookUpNumber } from "./twilio-number-lookup.js";
import { loadWebhookTokens } from "./webhook-tokens.js";
import { tokenWebhookUrl } from "./webhook-urls.js";

/** Twilio requests in flight at once during one check. */
const LOOKUP_CONCURRENCY = 4;

/**
 * Maximum age of stored lookups before the inbox's alert request starts a
 * new check in the background. It bounds Twilio requests from inbox loads
 * to one check per company per this interval and server process.
 */
export const HEALTH_CACHE_TTL_MS = 10 * 60 * 1000;

/** Checks in progress, per app and company, so callers share one check. */
const checksInFlight = new WeakMap<AppContext, Map<string, Promise<void>>>();

/**
 * Looks up every inbox number on Twilio (one request per number) and the
 * account's Messaging Services with their sender pools (at most
 * 1 + MAX_SERVICES requests). At most LOOKUP_CONCURRENCY requests run at a
 * time. Stores the results and returns each number's health. A failed
 * lookup becomes that number's state, and a failed service lookup a note,
 * so neither fails the whole report. Throws 409 when Twilio is not connected.
 */
export async function checkWebhookHealth(
  ctx: AppContext,
  companyId: string,
): Promise<WebhookHealthReport> {
  await refreshLookups(ctx, companyId);

  return loadHealthReport(ctx, companyId);
}

/** The stored state the inbox's webhook alerts are built from. */
export interface AlertInputs {
  numbers: CheckedNumber[];
  lookups: Map<string, CachedLookup>;
  facts: HealthFacts;
}

/**
 * Loads the inbox numbers with their stored checks, checking Twilio first
 * when a number was never checked. Returns null when there is nothing to
 * alert about: no numbers or no Twilio connection.
 */
export async function loadAlertInputs(
  ctx: AppContext,
  companyId: string,
): Promise<AlertInputs | null> {
  const numbers = await listCheckedNumbers(ctx.db, companyId);
  let facts = await loadHealthFacts(ctx, companyId);
  if (numbers.length === 0 || !facts) return null;

  let lookups = await loadLookupMap(ctx, companyId);
  if (numbers.some((number) => !lookups.has(number.phoneNumber))) {
    // Never checked, so there is nothing to show without asking Twilio.
    await refreshLookups(ctx, companyId);
    lookups = await loadLookupMap(ctx, companyId);
    // The check also stored each number's Messaging Service.
    facts = (await loadHealthFacts(ctx, companyId)) ?? facts;
  } else if (isStale(lookups, numbers)) {
    refreshInBackground(ctx, companyId);
  }

  return { numbers, lookups, facts };
}

async function loadHealthReport(
  ctx: AppContext,
  companyId: string,
): Promise<WebhookHealthReport> {
  const facts = await loadHealthFacts(ctx, companyId);
  if (!facts) throw errors.twilioNotConnected();

  const numbers = await listCheckedNumbers(ctx.db, companyId);
  const phoneNumbers = numbers.map((number) => number.phoneNumber);
  const [lookups, lastInbound] = await Promise.all([
    loadLookupMap(ctx, companyId),
    loadLastInboundTimes(ctx.db, companyId, phoneNumbers),
  ]);
  const checked = numbers.flatMap((number) => {
    const cached = lookups.get(number.phoneNumber);
    const lastInboundAt = lastInbound.get(number.phoneNumber) ?? null;

    return cached
      ? [presentNumberHealth(number, cached, facts, lastInboundAt)]
      : [];
  });

  return {
    webhookUrl: tokenWebhookUrl(ctx.config.publicUrl, facts.tokens.current),
    previousTokenValidUntil: facts.tokens.previous?.validUntil ?? null,
    numbers: checked,
  };
}

/** Loads what health is judged against; null when Twilio is not connected. */
export async function loadHealthFacts(
  ctx: AppContext,
  companyId: string,
): Promise<HealthFacts | null> {
  const [connection, tokens, services] = await Promise.all([
    ctx.db
      .selectFrom("twilio_connections")
      .select("account_sid")
      .where("company_id", "=", companyId)
      .executeTakeFirst(),
    loadWebhookTokens(ctx.db, companyId),
    loadServiceMemberships(ctx.db, companyId),
  ]);
  if (!connection) return null;

  return {
    publicUrl: ctx.config.publicUrl,
    publicUrlProblem: unreachablePublicUrl(
      ctx.config.publicUrl,
      ctx.config.twilioApiBaseUrl,
    ),
    accountSid: connection.account_sid,
    tokens,
    services,
  };
}

async function loadLookupMap(
  ctx: AppContext,
  companyId: string,
): Promise<Map<string, CachedLookup>> {
  const lookups = await loadLookups(ctx.db, companyId);

  return new Map(lookups.map((entry) => [entry.phoneNumber, entry]));
}

function isStale(
  lookups: Map<string, CachedLookup>,
  numbers: CheckedNumber[],
): boolean {
  const cutoff = new Date(Date.now() - HEALTH_CACHE_TTL_MS).toISOString();

  return numbers.some(
    (number) => (lookups.get(number.phoneNumber)?.checkedAt ?? "") < cutoff,
  );
}

function refreshInBackground(ctx: AppContext, companyId: string): void {
  refreshLookups(ctx, companyId).catch((error: unknown) => {
    ctx.logger.error(
      { err: error, companyId },
      "background webhook health check failed",
    );
  });
}

/**
 * Looks every inbox number up on Twilio and stores the results, or joins
 * the check already running for the company. Throws 409 when Twilio is not
 * connected.
 */
export function refreshLookups(
  ctx: AppContext,
  companyId: string,
): Promise<void> {
  let running = checksInFlight.get(ctx);
  if (!running) {
    running = new Map();
    checksInFlight.set(ctx, running);
  }
  const existing = running.get(companyId);
  if (existing) return existing;

  const check = runLookups(ctx, companyId).finally(() => {
    running.delete(companyId);
  });
  running.set(companyId, check);

  return check;
}

async function runLookups(ctx: AppContext, companyId: string): Promise<void> {
  // Each lookup is stored with the time the credentials were loaded, not
  // when Twilio responded. A connection saved during the check is then newer
  // than the results, so savedSince discards a rejection of the old token.
  const loadedAt = nowIso();
  const twilio = await findConnectedTwilio(ctx, companyId);
  if (!twilio) throw errors.twilioNotConnected();

  const numbers = await listCheckedNumbers(ctx.db, companyId);
  const apiBaseUrl = ctx.config.twilioApiBaseUrl;
  // The two lookups share the concurrency limit between them.
  const [lookups, directory] = await Promise.all([
    mapWithConcurrency(
      numbers,
      LOOKUP_CONCURRENCY / 2,
      async (number): Promise<CachedLookup> => ({
        phoneNumber: number.phoneNumber,
        lookup: await lookUpNumber(twilio.client, apiBaseUrl, number),
        checkedAt: loadedAt,
      }),
    ),
    lookUpMessagingServices(twilio.client, apiBaseUrl, LOOKUP_CONCURRENCY / 2),
  ]);
  logFailedLookups(ctx, companyId, lookups);
  logFailedServiceLookup(ctx, companyId, directory);
  const memberships = new Map<string, ServiceMembership>(
    numbers.map((number) => [
      number.phoneNumber,
      membershipOf(directory, number.phoneNumber),
    ]),
  );

  await ctx.db.transaction().execute(async (trx) => {
    await saveLookups(trx, companyId, lookups);
    await saveServiceMemberships(trx, companyId, memberships);
    await deleteLookupsExcept(
      trx,
      companyId,
      numbers.map((number) => number.phoneNumber),
    );
  });
}

function logFailedServiceLookup(
  ctx: AppContext,
  companyId: string,
  directory: ServiceDirectory,
): void {
  if (directory.result === "failed") {
    ctx.logger.warn(
      { companyId, twilioCode: directory.code },
      "Messaging Service lookup on Twilio failed",
    );
  } else if (directory.incomplete !== null) {
    ctx.logger.warn(
      { companyId, pooledNumbers: directory.byPhoneNumber.size },
      "Messaging Service lookup on Twilio was incomplete",
    );
  }
}

function logFailedLookups(
  ctx: AppContext,
  companyId: string,
  lookups: CachedLookup[],
): void {
  const failed = lookups.filter(
    (entry) =>
      entry.lookup.result === "failed" || entry.lookup.result === "unreachable",
  );
  const [first] = failed;
  if (!first) return;

  ctx.logger.warn(
    {
      companyId,
      failedLookups: failed.length,
      lookups: lookups.length,
      result: first.lookup.result,
      twilioCode: first.lookup.result === "failed" ? first.lookup.code : null,
    },
    "webhook check on Twilio failed for some numbers",
  );
}
