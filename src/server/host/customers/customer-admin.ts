import type { CustomerInput } from "../../../common/customer-api.js";
import type { AppContext } from "../../context.js";
import type { Db } from "../../db/database.js";
import { errors } from "../../errors.js";
import type { AdminActor } from "../audit/admin-actor.js";
import { auditActions } from "../audit/audit-actions.js";
import { recordAudit } from "../audit/audit-log.js";
import { inTransaction } from "../transaction.js";
import { findCustomersWithPhone } from "./customer-duplicates.js";
import { commitCustomerImport, type CheckedImport } from "./customer-import.js";
import {
  createCustomer,
  deleteCustomer,
  findCustomer,
  updateCustomer,
  type CustomerRow,
} from "./customer-store.js";

type CustomerContext = Pick<AppContext, "db">;

// A manager's customer writes. Each runs the customer store's write and
// records it in the audit log in one transaction, with the manager as actor.

export async function addCustomer(
  ctx: CustomerContext,
  actor: AdminActor,
  input: CustomerInput,
): Promise<CustomerRow> {
  return inTransaction(ctx.db, async (trx) => {
    const created = await createCustomer({ db: trx }, actor.companyId, input);
    const sharedWith = await describeSharedPhone(trx, created);
    await recordAudit(trx, {
      companyId: actor.companyId,
      actor,
      action: auditActions.customerCreated,
      target: customerTarget(created),
      details: { phone: created.phone_e164, ...sharedWith },
    });

    return created;
  });
}

export async function editCustomer(
  ctx: CustomerContext,
  actor: AdminActor,
  customerId: string,
  input: CustomerInput,
): Promise<CustomerRow> {
  return inTransaction(ctx.db, async (trx) => {
    const before = await requireCustomer(trx, actor.companyId, customerId);
    const after = await updateCustomer(trx, actor.companyId, customerId, input);
    const changes = describeCustomerChanges(before, after);
    if (changes) {
      // Keeping a number that others share needs no confirmation, so only
      // a new number is described as shared.
      const sharedWith =
        before.phone_e164 === after.phone_e164
          ? {}
          : await describeSharedPhone(trx, after);
      await recordAudit(trx, {
        companyId: actor.companyId,
        actor,
        action: auditActions.customerUpdated,
        target: customerTarget(after),
        details: { ...changes, ...sharedWith },
      });
    }

    return after;
  });
}

export async function removeCustomer(
  ctx: CustomerContext,
  actor: AdminActor,
  customerId: string,
): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    const customer = await requireCustomer(trx, actor.companyId, customerId);
    await deleteCustomer(trx, actor.companyId, customerId);
    await recordAudit(trx, {
      companyId: actor.companyId,
      actor,
      action: auditActions.customerDeleted,
      target: customerTarget(customer),
      details: { phone: customer.phone_e164 },
    });
  });
}

/** Imports a CSV file and records one audit entry with the row counts. */
export async function importCustomers(
  ctx: CustomerContext,
  actor: AdminActor,
  csv: string,
): Promise<CheckedImport> {
  return inTransaction(ctx.db, async (trx) => {
    const imported = await commitCustomerImport(trx, actor.companyId, csv);
    await recordAudit(trx, {
      companyId: actor.companyId,
      actor,
      action: auditActions.customersImported,
      details: {
        rowsInFile: imported.counts.total,
        customersCreated: imported.counts.valid,
        rowsSkipped: imported.counts.rejected,
      },
    });

    return imported;
  });
}

async function requireCustomer(
  db: Db,
  companyId: string,
  customerId: string,
): Promise<CustomerRow> {
  const customer = await findCustomer(db, companyId, customerId);
  if (!customer) throw errors.notFound("The customer");

  return customer;
}

function customerTarget(customer: CustomerRow) {
  return { type: "customer", id: customer.id, label: customer.name };
}

/**
 * Returns the audit detail `phoneSharedWith`, the names of the other
 * customers with the saved customer's number, or no detail when none has
 * it. The store saves a customer with a number on file only when the staff
 * member confirmed sharing it, so the detail records that confirmation. It
 * runs in the save's transaction, which holds the company's customer-write
 * lock, so it finds the same customers as the store's check.
 */
async function describeSharedPhone(
  db: Db,
  customer: CustomerRow,
): Promise<{ phoneSharedWith?: string[] }> {
  if (customer.phone_e164 === null) return {};

  const others = await findCustomersWithPhone(
    db,
    customer.company_id,
    customer.phone_e164,
    customer.id,
  );
  if (others.length === 0) return {};

  return { phoneSharedWith: others.map((other) => other.name) };
}

function describeCustomerChanges(
  before: CustomerRow,
  after: CustomerRow,
): Record<string, unknown> | null {
  const details: Record<string, unknown> = {};
  if (before.name !== after.name) {
    details.name = { old: before.name, new: after.name };
  }
  // A number typed in another format but read the same is no change.
  if (before.phone_e164 !== after.phone_e164) {
    details.phone = { old: before.phone_e164, new: after.phone_e164 };
  }

  return Object.keys(details).length > 0 ? details : null;
}
