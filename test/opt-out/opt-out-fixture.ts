import type { AppContext } from "../../src/server/context.js";
import type { InboxCompany } from "../webhook/webhook-fixture.js";

/** Loads the company's opt-out rows for every customer and number. */
export function loadOptOuts(ctx: AppContext, companyId: string) {
  return ctx.db
    .selectFrom("opt_outs")
    .selectAll()
    .where("company_id", "=", companyId)
    .orderBy("inbox_number")
    .execute();
}

/** Returns one stored opt-out row, or undefined when none exists. */
export async function loadOptOut(
  ctx: AppContext,
  inbox: InboxCompany,
  key: { customerNumber: string; inboxNumber?: string },
) {
  return ctx.db
    .selectFrom("opt_outs")
    .selectAll()
    .where("company_id", "=", inbox.company.id)
    .where("customer_number", "=", key.customerNumber)
    .where("inbox_number", "=", key.inboxNumber ?? inbox.twilio.defaultNumber)
    .executeTakeFirst();
}
