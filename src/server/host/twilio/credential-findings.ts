import type { FastifyBaseLogger } from "fastify";
import type { AppContext } from "../../context.js";

/**
 * The outcome of a request to Twilio for the saved credentials: "accepted"
 * when Twilio responded without an authentication error, and "rejected" on
 * Twilio error 20003. A request that got no response has no outcome.
 */
export type CredentialCheckOutcome = "accepted" | "rejected";

/**
 * The store of what checks with Twilio last found out about a company's
 * saved credentials. The plugin whose checks keep that record provides it,
 * so the settings page reads the same record as the plugin's own warnings.
 */
export interface CredentialFindingStore {
  /**
   * Returns when the last check found the saved credentials rejected, or
   * null when it did not, or when the credentials were saved after it.
   */
  loadRejectedAt(ctx: AppContext, companyId: string): Promise<string | null>;
  /**
   * Records the outcome of a request made with the saved credentials, such
   * as a connection test, a send or a listing of the account's numbers.
   */
  recordOutcome(
    ctx: AppContext,
    companyId: string,
    outcome: CredentialCheckOutcome,
  ): Promise<void>;
}

let provided: CredentialFindingStore | null = null;

/**
 * Registers the store of credential findings. Returns a function that
 * removes it. A second store replaces the first, because one record must
 * decide what the settings page shows.
 */
export function provideCredentialFindingStore(
  store: CredentialFindingStore,
): () => void {
  provided = store;

  return () => {
    if (provided === store) provided = null;
  };
}

/**
 * Returns when the last check found the saved credentials rejected, or
 * null. Without a registered store there is no record, so it returns null.
 */
export async function loadCredentialsRejectedAt(
  ctx: AppContext,
  companyId: string,
): Promise<string | null> {
  return provided ? provided.loadRejectedAt(ctx, companyId) : null;
}

/**
 * Records what a request made with the saved credentials showed about them.
 * A failure to store it is logged on `log` and not raised, so the request's
 * own result still reaches the caller.
 */
export async function recordCredentialCheck(
  ctx: AppContext,
  companyId: string,
  outcome: CredentialCheckOutcome,
  log: FastifyBaseLogger,
): Promise<void> {
  if (!provided) return;

  try {
    await provided.recordOutcome(ctx, companyId, outcome);
  } catch (error) {
    log.error(
      { err: error, companyId, outcome },
      "recording the twilio credential check failed",
    );
  }
}
