import type { NumberWebhookHealth } from "../../../../common/webhook-health-api.js";
import type { AppContext } from "../../../context.js";
import { nowIso } from "../../../db/ids.js";
import { errors } from "../../../errors.js";
import { auditActions } from "../../../host/audit/audit-actions.js";
import { recordAudit, type AuditActor } from "../../../host/audit/audit-log.js";
import {
  requireConnectedTwilio,
  type ConnectedTwilio,
} from "../twilio/connected-twilio.js";
import { saveLookups, type CachedLookup } from "./health-cache.js";
import { loadHealthFacts } from "./health-check.js";
import { presentNumberHealth } from "./health-presenter.js";
import {
  listCheckedNumbers,
  loadLastInboundTimes,
  type CheckedNumber,
} from "./inbox-number-list.js";
import {
  lookUpNumber,
  updateSmsUrl,
  type NumberLookup,
  type TwilioNumberSettings,
} from "./twilio-number-lookup.js";
import {
  describeUpdateFailure,
  lookupFailureError,
} from "./set-webhook-errors.js";
import { loadWebhookTokens } from "./webhook-tokens.js";
import { maskWebhookUrl, tokenWebhookUrl } from "./webhook-urls.js";

export interface SetWebhookInput {
  companyId: string;
  actor: AuditActor;
  numberId: string;
  /** The SmsUrl the staff member saw and agreed to replace; "" for none. */
  expectedSmsUrl: string;
}

/**
 * Points one inbox number's incoming-message webhook at the company's token
 * URL with POST. The number is read from Twilio first: when its SmsUrl is
 * no longer `expectedSmsUrl`, nothing changes and 409 names the current
 * URL. Returns the number's health after the update.
 */
export async function setNumberWebhook(
  ctx: AppContext,
  input: SetWebhookInput,
): Promise<NumberWebhookHealth> {
  const number = await findCompanyNumber(ctx, input.companyId, input.numberId);
  const twilio = await requireConnectedTwilio(ctx, input.companyId);
  const current = await readCurrentSettings(ctx, twilio, number);
  if (current.smsUrl !== input.expectedSmsUrl) {
    await storeLookup(ctx, input.companyId, number, {
      result: "found",
      ...current,
    });
    throw errors.webhookChanged(number.phoneNumber, current.smsUrl);
  }

  const tokens = await loadWebhookTokens(ctx.db, input.companyId);
  const newUrl = tokenWebhookUrl(ctx.config.publicUrl, tokens.current);
  const updated = await updateOnTwilio(ctx, twilio, input.companyId, number, {
    sid: current.sid,
    smsUrl: newUrl,
  });

  const cached: CachedLookup = {
    phoneNumber: number.phoneNumber,
    lookup: { result: "found", ...updated },
    checkedAt: nowIso(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await saveLookups(trx, input.companyId, [cached]);
    await recordAudit(trx, {
      companyId: input.companyId,
      actor: input.actor,
      action: auditActions.webhookSet,
      target: {
        type: "inbox_number",
        id: number.numberId,
        label: number.phoneNumber,
      },
      details: {
        phoneNumber: number.phoneNumber,
        previousSmsUrl: maskWebhookUrl(current.smsUrl),
        previousSmsMethod: current.smsMethod,
        newSmsUrl: maskWebhookUrl(updated.smsUrl),
        newSmsMethod: updated.smsMethod,
      },
    });
  });
  ctx.logger.info(
    {
      companyId: input.companyId,
      numberId: number.numberId,
      previousSmsUrl: maskWebhookUrl(current.smsUrl),
      newSmsUrl: maskWebhookUrl(updated.smsUrl),
    },
    "webhook set on inbox number",
  );

  return presentAfterUpdate(ctx, input.companyId, number, cached);
}

async function findCompanyNumber(
  ctx: AppContext,
  companyId: string,
  numberId: string,
): Promise<CheckedNumber> {
  const numbers = await listCheckedNumbers(ctx.db, companyId);
  const number = numbers.find((candidate) => candidate.numberId === numberId);
  if (!number) throw errors.notFound("The inbox number");

  return number;
}

async function readCurrentSettings(
  ctx: AppContext,
  twilio: ConnectedTwilio,
  number: CheckedNumber,
): Promise<TwilioNumberSettings> {
  const lookup = await lookUpNumber(
    twilio.client,
    ctx.config.twilioApiBaseUrl,
    number,
  );
  switch (lookup.result) {
    case "found":
      break;
    case "not_found":
      throw errors.webhookNumberNotOnAccount(
        number.phoneNumber,
        twilio.connection.accountSid,
      );
    case "unreachable":
    case "failed":
      throw lookupFailureError(
        {
          phoneNumber: number.phoneNumber,
          accountSid: twilio.connection.accountSid,
        },
        lookup,
      );
  }

  if (!lookup.smsCapable) {
    throw errors.webhookNumberNotSmsCapable(number.phoneNumber);
  }

  return lookup;
}

async function updateOnTwilio(
  ctx: AppContext,
  twilio: ConnectedTwilio,
  companyId: string,
  number: CheckedNumber,
  update: { sid: string; smsUrl: string },
): Promise<TwilioNumberSettings> {
  try {
    return await updateSmsUrl(twilio.client, update.sid, update.smsUrl);
  } catch (error) {
    const target = {
      phoneNumber: number.phoneNumber,
      accountSid: twilio.connection.accountSid,
    };
    const failure = describeUpdateFailure(
      target,
      error,
      ctx.config.twilioApiBaseUrl,
    );
    ctx.logger.warn(
      {
        numberId: number.numberId,
        errorCode: failure.error.code,
        status: failure.error.statusCode,
        numberGone: failure.numberGone,
      },
      "webhook update on Twilio failed",
    );
    if (failure.numberGone) {
      await storeLookup(ctx, companyId, number, { result: "not_found" });
    }

    throw failure.error;
  }
}

async function storeLookup(
  ctx: AppContext,
  companyId: string,
  number: CheckedNumber,
  lookup: NumberLookup,
): Promise<void> {
  await saveLookups(ctx.db, companyId, [
    { phoneNumber: number.phoneNumber, lookup, checkedAt: nowIso() },
  ]);
}

async function presentAfterUpdate(
  ctx: AppContext,
  companyId: string,
  number: CheckedNumber,
  cached: CachedLookup,
): Promise<NumberWebhookHealth> {
  const facts = await loadHealthFacts(ctx, companyId);
  if (!facts) throw errors.twilioNotConnected();

  const lastInbound = await loadLastInboundTimes(ctx.db, companyId, [
    number.phoneNumber,
  ]);

  return presentNumberHealth(
    number,
    cached,
    facts,
    lastInbound.get(number.phoneNumber) ?? null,
  );
}
