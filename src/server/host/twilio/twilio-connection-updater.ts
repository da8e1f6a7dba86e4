import type { FastifyBaseLogger } from "fastify";
import { countryName } from "../../../common/country-name.js";
import { nameFromFriendlyName } from "../../../common/number-name.js";
import { toE164 } from "../../../common/phone.js";
import type { AppContext } from "../../context.js";
import type { Db } from "../../db/database.js";
import { errors, type AppError } from "../../errors.js";
import { auditActions } from "../audit/audit-actions.js";
import { recordAudit, type AuditActor } from "../audit/audit-log.js";
import { findCompany } from "../company/company-store.js";
import { announceCompanyChanged } from "../company-changes.js";
import { inTransaction } from "../transaction.js";
import {
  findTwilioConnection,
  saveTwilioConnection,
  type StoredTwilioConnection,
} from "../twilio-connection-store.js";
import { listConnectedAccountNumbers } from "./account-number-list.js";
import {
  checkTwilioCredentials,
  type TwilioCredentialCheck,
  type TwilioCredentials,
} from "./credential-check.js";
import {
  announceTwilioConnectionChanged,
  type ConnectedAccountNumber,
  type ConnectionIdentity,
} from "./twilio-connection-changes.js";

export interface TwilioConnectionInput {
  accountSid: string;
  /** Omitted keeps the stored token, unless the Account SID changes. */
  authToken?: string | undefined;
  /** Any common format; read with the company's country. */
  defaultNumber: string;
}

type UpdaterContext = Pick<AppContext, "config" | "db" | "secretBox">;

/** The saved connection and what plugins did about the change. */
export interface TwilioConnectionUpdate {
  saved: StoredTwilioConnection;
  /** Sentences for the staff member, such as numbers kept in the inbox. */
  notices: string[];
}

/**
 * Checks a company's new Twilio connection with Twilio, then stores it with
 * the token encrypted and the default number in E.164. Nothing is stored
 * when Twilio rejects the credentials (400 on authToken), the default number
 * is not an SMS-capable number on the account (400 on defaultNumber), or
 * Twilio cannot be reached (502, or 504 on a timeout). The default number
 * keeps its stored name while it stays the same number, and otherwise is
 * named with the friendly name Twilio reports for it. When the Account SID
 * or default number changes, the numbers on the account are listed and
 * passed to the TwilioConnectionChange listeners, which run in the same
 * transaction.
 */
export async function updateTwilioConnection(
  ctx: UpdaterContext,
  companyId: string,
  input: TwilioConnectionInput,
  log: FastifyBaseLogger,
  actor: AuditActor,
): Promise<TwilioConnectionUpdate> {
  const company = await findCompany(ctx.db, companyId);
  const defaultNumber = toE164(input.defaultNumber, company.country);
  if (!defaultNumber) {
    throw errors.validation(
      `defaultNumber: "${input.defaultNumber}" is not a valid phone number, either with its country code or as a national number of the company's country, ${countryName(company.country)}. Enter it as shown in the Twilio Console, such as +14155550100.`,
      "defaultNumber",
    );
  }

  const existing = await findTwilioConnection(ctx, companyId);
  const authToken = input.authToken ?? keptToken(existing, input.accountSid);
  const connection = { accountSid: input.accountSid, authToken, defaultNumber };
  const check = await checkTwilioCredentials(ctx.config, connection);
  if (!check.ok) {
    log.info(
      { companyId, ...checkLogFields(check) },
      "twilio connection not saved",
    );
    throw rejectionFor(check);
  }

  const accountNumbers = await listNumbersIfMoved(
    ctx,
    existing,
    connection,
    log,
  );
  const defaultNumberName =
    existing?.defaultNumber === defaultNumber && existing.defaultNumberName
      ? existing.defaultNumberName
      : nameFromFriendlyName(check.defaultNumberFriendlyName, defaultNumber);
  const notices = await inTransaction(ctx.db, async (trx) => {
    await saveTwilioConnection({ ...ctx, db: trx }, companyId, {
      ...connection,
      defaultNumberName,
    });
    await recordTwilioChange(trx, companyId, actor, existing, connection);
    if (!existing || accountNumbers === undefined) return [];

    return announceTwilioConnectionChanged(trx, {
      companyId,
      actor,
      previous: identityOf(existing),
      previousDefaultNumberName: existing.defaultNumberName,
      current: identityOf(connection),
      accountNumbers,
    });
  });
  announceCompanyChanged(companyId);
  const saved = await findTwilioConnection(ctx, companyId);
  if (!saved) throw errors.internal();

  return { saved, notices };
}

/** Returns the Account SID and default number, without the token. */
function identityOf(connection: TwilioCredentials): ConnectionIdentity {
  return {
    accountSid: connection.accountSid,
    defaultNumber: connection.defaultNumber,
  };
}

/**
 * Lists the numbers on the new account when the Account SID or default
 * number changes. Returns undefined when neither changed, and null when
 * Twilio could not list them.
 */
async function listNumbersIfMoved(
  ctx: UpdaterContext,
  existing: StoredTwilioConnection | null,
  connection: TwilioCredentials,
  log: FastifyBaseLogger,
): Promise<Map<string, ConnectedAccountNumber> | null | undefined> {
  const moved =
    existing !== null &&
    (existing.accountSid !== connection.accountSid ||
      existing.defaultNumber !== connection.defaultNumber);
  if (!moved) return undefined;

  return listConnectedAccountNumbers(ctx.config, connection, log);
}

/**
 * Records a changed connection in the audit log: the Account SID and the
 * default number, old and new, and whether the token changed, never the
 * token. Saving the same values again records nothing.
 */
async function recordTwilioChange(
  trx: Db,
  companyId: string,
  actor: AuditActor,
  existing: StoredTwilioConnection | null,
  connection: { accountSid: string; authToken: string; defaultNumber: string },
): Promise<void> {
  const tokenChanged = existing?.authToken !== connection.authToken;
  const unchanged =
    existing?.accountSid === connection.accountSid &&
    existing.defaultNumber === connection.defaultNumber &&
    !tokenChanged;
  if (unchanged) return;

  await recordAudit(trx, {
    companyId,
    actor,
    action: auditActions.twilioConnectionChanged,
    target: {
      type: "twilio_connection",
      id: companyId,
      label: "Twilio connection",
    },
    details: {
      accountSid: {
        old: existing?.accountSid ?? null,
        new: connection.accountSid,
      },
      defaultNumber: {
        old: existing?.defaultNumber ?? null,
        new: connection.defaultNumber,
      },
      authTokenChanged: tokenChanged,
    },
  });
}

function keptToken(
  existing: StoredTwilioConnection | null,
  accountSid: string,
): string {
  if (!existing) {
    throw errors.validation(
      "authToken: enter the auth token; it is required when Twilio is connected for the first time.",
      "authToken",
    );
  }

  if (existing.accountSid !== accountSid) {
    throw errors.validation(
      "authToken: enter the auth token of the new account; the stored token belongs to another Account SID.",
      "authToken",
    );
  }

  return existing.authToken;
}

/** Returns the error for a failed check, with the field staff must fix. */
function rejectionFor(
  check: Exclude<TwilioCredentialCheck, { ok: true }>,
): AppError {
  if (check.problem === "number") {
    return errors.validation(
      `defaultNumber: ${check.message}`,
      "defaultNumber",
    );
  }

  const { failure } = check;
  if (failure.code === 20003) {
    return errors.validation(
      "authToken: Twilio rejected this Account SID and auth token (Twilio error 20003). Copy both again from the Twilio Console. Nothing was saved.",
      "authToken",
    );
  }

  if (failure.noResponseReason !== undefined) {
    return errors.twilio(
      failure.status,
      null,
      `Could not reach Twilio to check these credentials: ${failure.noResponseReason}. Nothing was saved. Check the server's network and save again.`,
    );
  }

  return errors.twilio(
    failure.status,
    failure.code,
    `These credentials could not be checked with Twilio. ${failure.message} Nothing was saved.`,
  );
}

/** Log fields for a failed check: codes only, never the credentials. */
function checkLogFields(check: Exclude<TwilioCredentialCheck, { ok: true }>) {
  if (check.problem === "number") return { problem: "number" };

  return {
    problem: "twilio",
    twilioCode: check.failure.code,
    status: check.failure.status,
  };
}
