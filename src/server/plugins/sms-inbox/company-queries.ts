import type { Db } from "../../db/database.js";
import { errors } from "../../errors.js";

export interface InboxCompany {
  id: string;
  /** ISO 3166-1 alpha-2 region for reading national-format numbers. */
  country: string;
  webhookToken: string;
}

/** Loads the signed-in staff member's company, which always exists. */
export async function loadCompany(
  db: Db,
  companyId: string,
): Promise<InboxCompany> {
  const row = await db
    .selectFrom("companies")
    .select(["id", "country", "webhook_token"])
    .where("id", "=", companyId)
    .executeTakeFirst();
  // A session outlives its company only if the row was deleted mid-request.
  if (!row) throw errors.notFound("The company");

  return { id: row.id, country: row.country, webhookToken: row.webhook_token };
}
