import type {
  WebhookAlerts,
  WebhookCheckProblem,
} from "../../../../common/webhook-health-api.js";
import type { AppContext } from "../../../context.js";
import type { CachedLookup } from "./health-cache.js";
import {
  checkWebhookHealth,
  HEALTH_CACHE_TTL_MS,
  loadAlertInputs,
  type AlertInputs,
} from "./health-check.js";
import { presentWebhookAlerts } from "./health-presenter.js";
import { TWILIO_SETTINGS_PLACE } from "./set-webhook-errors.js";
import { TWILIO_AUTHENTICATION_FAILED } from "./twilio-error-codes.js";

/**
 * Loads the inbox's webhook alerts: the numbers whose webhook needs a fix,
 * and why the last check did not run when Twilio rejected the credentials
 * or could not be reached. When the credentials were rejected, that one
 * problem replaces the per-number "check failed" entries it caused. A
 * failed check older than the saved Twilio connection is run again first.
 */
export async function loadInboxWebhookAlerts(
  ctx: AppContext,
  companyId: string,
): Promise<WebhookAlerts> {
  let inputs = await loadAlertInputs(ctx, companyId);
  let checkProblem = inputs ? findCheckProblem(lookupsInUse(inputs)) : null;
  if (checkProblem && (await savedSince(ctx, companyId, checkProblem))) {
    // New credentials may fix the problem, so the stored check is outdated.
    await checkWebhookHealth(ctx, companyId);
    inputs = await loadAlertInputs(ctx, companyId);
    checkProblem = inputs ? findCheckProblem(lookupsInUse(inputs)) : null;
  }
  if (!inputs) return { numbers: [], checkProblem: null };

  const { numbers } = presentWebhookAlerts(
    inputs.numbers,
    inputs.lookups,
    inputs.facts,
  );

  return { numbers, checkProblem };
}

function lookupsInUse(inputs: AlertInputs): CachedLookup[] {
  return inputs.numbers.flatMap((number) => {
    const cached = inputs.lookups.get(number.phoneNumber);

    return cached ? [cached] : [];
  });
}

/** Checks whether the Twilio connection was saved after `problem`'s check. */
export async function savedSince(
  ctx: AppContext,
  companyId: string,
  problem: WebhookCheckProblem,
): Promise<boolean> {
  const connection = await ctx.db
    .selectFrom("twilio_connections")
    .select("updated_at")
    .where("company_id", "=", companyId)
    .executeTakeFirst();

  return connection !== undefined && connection.updated_at > problem.checkedAt;
}

/**
 * Returns the problem that kept the last check from running, or null when
 * every number was checked. Rejected credentials take precedence because
 * they affect the whole account.
 */
export function findCheckProblem(
  lookups: CachedLookup[],
): WebhookCheckProblem | null {
  const rejected = lookups.filter(isCredentialsRejected);
  if (rejected.length > 0) {
    return {
      kind: "credentials_rejected",
      message: `Twilio rejected the saved Account SID and auth token (error ${TWILIO_AUTHENTICATION_FAILED}), so ${webhooksOf(rejected.length)} could not be checked and texts cannot be sent. Update them in ${TWILIO_SETTINGS_PLACE}.`,
      numberCount: rejected.length,
      checkedAt: latestCheck(rejected),
    };
  }

  const notChecked = lookups.filter(
    (entry) =>
      entry.lookup.result === "unreachable" || entry.lookup.result === "failed",
  );
  const [first] = notChecked;
  if (!first) return null;

  return {
    kind: "check_failed",
    message: `${checkFailureCause(first)}, so ${webhooksOf(notChecked.length)} could not be checked. This does not mean that texts are lost. The inbox tries again after ${HEALTH_CACHE_TTL_MS / 60_000} minutes.`,
    numberCount: notChecked.length,
    checkedAt: latestCheck(notChecked),
  };
}

function isCredentialsRejected(entry: CachedLookup): boolean {
  return (
    entry.lookup.result === "failed" &&
    entry.lookup.code === TWILIO_AUTHENTICATION_FAILED
  );
}

function checkFailureCause(entry: CachedLookup): string {
  const { lookup } = entry;
  if (lookup.result === "failed" && lookup.code !== null) {
    return `Twilio returned error ${lookup.code}`;
  }

  if (lookup.result === "failed") return "Twilio returned an error";

  return "Twilio could not be reached";
}

function webhooksOf(count: number): string {
  return count === 1
    ? "the webhook of 1 inbox number"
    : `the webhooks of ${count} inbox numbers`;
}

function latestCheck(lookups: CachedLookup[]): string {
  return lookups.reduce(
    (latest, entry) => (entry.checkedAt > latest ? entry.checkedAt : latest),
    "",
  );
}
