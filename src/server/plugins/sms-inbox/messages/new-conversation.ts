import type { InboxNumber } from "../../../../common/api.js";
import { toE164 } from "../../../../common/phone.js";
import type { Db } from "../../../db/database.js";
import { errors } from "../../../errors.js";
import { loadCompany } from "../company-queries.js";
import { listCompanyNumbers } from "../numbers/number-store.js";
import type { NewConversationInput } from "./send-requests.js";

export interface TextRoute {
  from: string;
  to: string;
}

/**
 * Resolves the From and To numbers of a new conversation's first text. `to` is read in
 * the company's country. `from` must be one of the company's numbers, and
 * may be left out only when the company has a single number.
 */
export async function resolveNewConversationRoute(
  db: Db,
  companyId: string,
  input: NewConversationInput,
): Promise<TextRoute> {
  const company = await loadCompany(db, companyId);
  const to = toE164(input.to, company.country);
  if (!to) {
    throw errors.validation(
      `to: "${input.to}" is not a valid phone number. Check it, or enter it with its country code, such as +14155550100.`,
      "to",
    );
  }

  const numbers = await listCompanyNumbers(db, companyId);
  if (numbers.length === 0) throw errors.twilioNotConnected();

  if (numbers.some((number) => number.phoneNumber === to)) {
    throw errors.validation(
      `to: ${to} is one of the company's own numbers. Enter the customer's number.`,
      "to",
    );
  }

  return { from: pickFromNumber(numbers, input.from, company.country), to };
}

function pickFromNumber(
  numbers: InboxNumber[],
  requested: string | undefined,
  country: string,
): string {
  const list = numbers.map((number) => number.phoneNumber).join(", ");
  if (requested === undefined) {
    const only = numbers.length === 1 ? numbers[0] : undefined;
    if (!only) {
      throw errors.validation(
        `from: pick a From number, because the company texts from ${numbers.length} numbers (${list}).`,
        "from",
      );
    }

    return only.phoneNumber;
  }

  const normalized = toE164(requested, country) ?? requested;
  const match = numbers.find((number) => number.phoneNumber === normalized);
  if (!match) {
    throw errors.validation(
      `from: "${requested}" is not one of the company's numbers. Pick one of ${list}.`,
      "from",
    );
  }

  return match.phoneNumber;
}
