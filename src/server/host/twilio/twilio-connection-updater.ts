import { toE164 } from "../../../common/phone.js";
import type { AppContext } from "../../context.js";
import { errors } from "../../errors.js";
import { findCompany } from "../company/company-store.js";
import {
  findTwilioConnection,
  saveTwilioConnection,
  type StoredTwilioConnection,
} from "../twilio-connection-store.js";

export interface TwilioConnectionInput {
  accountSid: string;
  /** Omitted keeps the stored token, unless the Account SID changes. */
  authToken?: string | undefined;
  /** Any common format; read with the company's country. */
  defaultNumber: string;
}

/**
 * Validates and stores a company's Twilio connection, encrypting the token.
 * The default number is stored in E.164.
 */
export async function updateTwilioConnection(
  ctx: Pick<AppContext, "db" | "secretBox">,
  companyId: string,
  input: TwilioConnectionInput,
): Promise<StoredTwilioConnection> {
  const company = await findCompany(ctx.db, companyId);
  const defaultNumber = toE164(input.defaultNumber, company.country);
  if (!defaultNumber) {
    throw errors.validation(
      `defaultNumber: "${input.defaultNumber}" is not a phone number in ${company.country}. Enter it as shown in the Twilio Console, such as +14155550100.`,
      "defaultNumber",
    );
  }

  const existing = await findTwilioConnection(ctx, companyId);
  const authToken = input.authToken ?? keptToken(existing, input.accountSid);
  await saveTwilioConnection(ctx, companyId, {
    accountSid: input.accountSid,
    authToken,
    defaultNumber,
  });

  const saved = await findTwilioConnection(ctx, companyId);
  if (!saved) throw errors.internal();

  return saved;
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
