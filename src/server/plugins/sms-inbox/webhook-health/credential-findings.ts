import type { WebhookCheckProblem } from "../../../../common/webhook-health-api.js";
import type { AppContext } from "../../../context.js";
import type {
  CredentialCheckOutcome,
  CredentialFindingStore,
} from "../../../host/twilio/credential-findings.js";
import { loadLookups } from "./health-cache.js";
import { refreshLookups } from "./health-check.js";
import { listCheckedNumbers } from "./inbox-number-list.js";
import { TWILIO_AUTHENTICATION_FAILED } from "./twilio-error-codes.js";
import { findCheckProblem, savedSince } from "./webhook-alerts.js";

/**
 * The credential findings kept in the stored webhook checks, which the
 * inbox banner reads too. Twilio responds to every request made with
 * rejected credentials with error 20003, so a check's number lookups show it.
 */
export const webhookCheckCredentialFindings: CredentialFindingStore = {
  loadRejectedAt: loadCredentialsRejectedAt,
  recordOutcome: recordCredentialOutcome,
};

/**
 * Returns when the stored check found the credentials rejected, or null.
 * A rejection found before the connection was last saved no longer
 * applies, because saving checks the credentials with Twilio first.
 */
async function loadCredentialsRejectedAt(
  ctx: AppContext,
  companyId: string,
): Promise<string | null> {
  const problem = await loadStoredCheckProblem(ctx, companyId);
  if (problem?.kind !== "credentials_rejected") return null;
  if (await savedSince(ctx, companyId, problem)) return null;

  return problem.checkedAt;
}

/**
 * Runs the webhook check again when another request's outcome makes the
 * stored one out of date: a rejection while the stored lookups show none,
 * or an acceptance while they show one. So a queue of sends that Twilio
 * rejects runs one check, and a working connection costs no extra Twilio
 * requests. Every sent text reports an acceptance, so while no stored
 * lookup has error 20003 it costs one indexed read.
 */
async function recordCredentialOutcome(
  ctx: AppContext,
  companyId: string,
  outcome: CredentialCheckOutcome,
): Promise<void> {
  if (outcome === "accepted" && !(await hasStoredRejection(ctx, companyId))) {
    return;
  }

  const rejectedAt = await loadCredentialsRejectedAt(ctx, companyId);
  if ((rejectedAt !== null) === (outcome === "rejected")) return;

  await refreshLookups(ctx, companyId);
}

/** Returns the stored check's problem, judged on the inbox's numbers only. */
async function loadStoredCheckProblem(
  ctx: AppContext,
  companyId: string,
): Promise<WebhookCheckProblem | null> {
  const [numbers, lookups] = await Promise.all([
    listCheckedNumbers(ctx.db, companyId),
    loadLookups(ctx.db, companyId),
  ]);
  const inUse = new Set(numbers.map((number) => number.phoneNumber));

  return findCheckProblem(
    lookups.filter((entry) => inUse.has(entry.phoneNumber)),
  );
}

/** Returns whether any stored lookup of the company has error 20003. */
async function hasStoredRejection(
  ctx: AppContext,
  companyId: string,
): Promise<boolean> {
  const row = await ctx.db
    .selectFrom("webhook_health")
    .select("phone_number")
    .where("company_id", "=", companyId)
    .where("error_code", "=", TWILIO_AUTHENTICATION_FAILED)
    .limit(1)
    .executeTakeFirst();

  return row !== undefined;
}
