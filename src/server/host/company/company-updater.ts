import type { AppContext } from "../../context.js";
import type { Db } from "../../db/database.js";
import { isPostgres } from "../../db/dialect.js";
import { errors } from "../../errors.js";
import type { AdminActor } from "../audit/admin-actor.js";
import { auditActions } from "../audit/audit-actions.js";
import { recordAudit } from "../audit/audit-log.js";
import { announceCompanyChanged } from "../company-changes.js";
import { inTransaction } from "../transaction.js";
import { findCompany, type CompanyRow } from "./company-store.js";
import type { CompanyUpdateReq } from "./schemas.js";

type Change = { old: string; new: string };

/**
 * Changes the company's name and country, and records the change in the
 * audit log. A new country changes how national-format numbers entered
 * from then on are read; stored E.164 numbers keep their value.
 */
export async function updateCompany(
  ctx: Pick<AppContext, "db">,
  actor: AdminActor,
  update: CompanyUpdateReq,
): Promise<CompanyRow> {
  const { companyId } = actor;
  const result = await inTransaction(ctx.db, async (trx) => {
    const before = await lockCompany(trx, companyId);
    const changes = describeChanges(before, update);
    if (Object.keys(changes).length === 0) return { before, changes };

    await trx
      .updateTable("companies")
      .set({
        ...(changes.name ? { name: changes.name.new } : {}),
        ...(changes.country ? { country: changes.country.new } : {}),
      })
      .where("id", "=", companyId)
      .execute();
    await recordAudit(trx, {
      companyId,
      actor,
      action: auditActions.companyUpdated,
      target: {
        type: "company",
        id: companyId,
        label: changes.name?.new ?? before.name,
      },
      details: changes,
    });

    return { before, changes };
  });
  // The webhook reads national-format numbers with the cached country.
  if (result.changes.country) announceCompanyChanged(companyId);

  return findCompany(ctx.db, companyId);
}

/**
 * Loads the company, locking its row on PostgreSQL until `trx` ends, so the
 * old values in the audit entry are the ones this update replaced. SQLite
 * runs one write transaction at a time already.
 */
async function lockCompany(trx: Db, companyId: string): Promise<CompanyRow> {
  if (!isPostgres(trx)) return findCompany(trx, companyId);

  const row = await trx
    .selectFrom("companies")
    .selectAll()
    .where("id", "=", companyId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw errors.notFound("The company");

  return row;
}

/** Returns the fields that `update` changes, with old and new values. */
function describeChanges(
  before: CompanyRow,
  update: CompanyUpdateReq,
): { name?: Change; country?: Change } {
  const changes: { name?: Change; country?: Change } = {};
  if (update.name !== undefined && update.name !== before.name) {
    changes.name = { old: before.name, new: update.name };
  }
  if (update.country !== undefined && update.country !== before.country) {
    changes.country = { old: before.country, new: update.country };
  }

  return changes;
}
