import type { InboxNumber } from "../../../../common/api.js";
import {
  normalizeNumberName,
  numberNameProblem,
} from "../../../../common/number-name.js";
import type { AppContext } from "../../../context.js";
import type { Db } from "../../../db/database.js";
import { errors } from "../../../errors.js";
import { auditActions } from "../../../host/audit/audit-actions.js";
import { recordAudit, type AuditActor } from "../../../host/audit/audit-log.js";
import { inTransaction } from "../../../host/transaction.js";
import { DEFAULT_NUMBER_ID } from "./number-store.js";

interface NamedNumber {
  phoneNumber: string;
  name: string | null;
}

/**
 * Sets the name staff see next to one of the company's inbox numbers, the
 * default number included (`numberId` "default"). A blank or null name
 * clears it. Nothing changes on Twilio. Throws 400 for a name that is too
 * long or contains control characters, and 404 when the company has no
 * such number.
 */
export async function renameInboxNumber(
  ctx: AppContext,
  companyId: string,
  numberId: string,
  input: string | null,
  actor?: AuditActor,
): Promise<InboxNumber> {
  const normalized = normalizeNumberName(input ?? "");
  const problem = numberNameProblem(normalized);
  if (problem) throw errors.validation(problem, "name");

  const name = normalized === "" ? null : normalized;
  const isDefault = numberId === DEFAULT_NUMBER_ID;
  const phoneNumber = await inTransaction(ctx.db, async (trx) => {
    const before = isDefault
      ? await setDefaultNumberName(trx, companyId, name)
      : await setAddedNumberName(trx, companyId, numberId, name);
    if (!before) throw errors.notFound("The inbox number");

    if (before.name !== name && actor) {
      await recordAudit(trx, {
        companyId,
        actor,
        action: auditActions.inboxNumberRenamed,
        target: {
          type: "inbox_number",
          id: numberId,
          label: before.phoneNumber,
        },
        details: { name: { old: before.name, new: name } },
      });
    }

    return before.phoneNumber;
  });

  ctx.logger.info({ companyId, numberId }, "inbox number renamed");

  return { id: numberId, phoneNumber, name, isDefault };
}

/**
 * Sets the default number's name and returns the number as it was, or null
 * when the company has no Twilio connection.
 */
async function setDefaultNumberName(
  trx: Db,
  companyId: string,
  name: string | null,
): Promise<NamedNumber | null> {
  const row = await trx
    .selectFrom("twilio_connections")
    .select(["default_number", "default_number_name"])
    .where("company_id", "=", companyId)
    .executeTakeFirst();
  if (!row) return null;

  await trx
    .updateTable("twilio_connections")
    .set({ default_number_name: name })
    .where("company_id", "=", companyId)
    .execute();

  return { phoneNumber: row.default_number, name: row.default_number_name };
}

/**
 * Sets an added number's name and returns the number as it was, or null
 * when the company has no such number.
 */
async function setAddedNumberName(
  trx: Db,
  companyId: string,
  numberId: string,
  name: string | null,
): Promise<NamedNumber | null> {
  const row = await trx
    .selectFrom("inbox_numbers")
    .select(["phone_number", "name"])
    .where("id", "=", numberId)
    .where("company_id", "=", companyId)
    .executeTakeFirst();
  if (!row) return null;

  await trx
    .updateTable("inbox_numbers")
    .set({ name })
    .where("id", "=", numberId)
    .where("company_id", "=", companyId)
    .execute();

  return { phoneNumber: row.phone_number, name: row.name };
}
