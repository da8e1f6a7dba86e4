import type { Db } from "../../../db/database.js";
import { isPostgres } from "../../../db/dialect.js";
import { errors } from "../../../errors.js";
import { auditActions } from "../../../host/audit/audit-actions.js";
import { recordAudit, type AuditActor } from "../../../host/audit/audit-log.js";

/** A conversation's customer choice before a change. */
export interface CustomerChoiceBefore {
  conversationId: string;
  customerNumber: string;
  customerId: string | null;
}

/**
 * Loads the conversation's chosen customer, locking its row on PostgreSQL
 * until `trx` ends, so that the audit entry's old value is the one this
 * change replaced. SQLite runs one write transaction at a time already.
 */
export async function loadCustomerChoice(
  trx: Db,
  companyId: string,
  conversationId: string,
): Promise<CustomerChoiceBefore> {
  let query = trx
    .selectFrom("conversations")
    .select(["id", "customer_number", "customer_id"])
    .where("id", "=", conversationId)
    .where("company_id", "=", companyId);
  if (isPostgres(trx)) query = query.forUpdate();

  const row = await query.executeTakeFirst();
  if (!row) throw errors.notFound("The conversation");

  return {
    conversationId: row.id,
    customerNumber: row.customer_number,
    customerId: row.customer_id,
  };
}

/**
 * Records a changed customer choice in the audit log, with the customers'
 * names. A choice that names the same customer again records nothing.
 */
export async function recordCustomerChoice(
  trx: Db,
  entry: {
    companyId: string;
    actor: AuditActor;
    before: CustomerChoiceBefore;
    customerId: string | null;
  },
): Promise<void> {
  const { before, customerId } = entry;
  if (before.customerId === customerId) return;

  await recordAudit(trx, {
    companyId: entry.companyId,
    actor: entry.actor,
    action: auditActions.conversationCustomerChanged,
    target: {
      type: "conversation",
      id: before.conversationId,
      label: before.customerNumber,
    },
    details: {
      customer: {
        old: await customerName(trx, entry.companyId, before.customerId),
        new: await customerName(trx, entry.companyId, customerId),
      },
    },
  });
}

async function customerName(
  trx: Db,
  companyId: string,
  customerId: string | null,
): Promise<string | null> {
  if (customerId === null) return null;

  const row = await trx
    .selectFrom("customers")
    .select("name")
    .where("id", "=", customerId)
    .where("company_id", "=", companyId)
    .executeTakeFirst();

  return row?.name ?? null;
}
