import type { Transaction } from "kysely";
import type { Db } from "../../../db/database.js";
import type { Database } from "../../../db/schema.js";

/**
 * The customer and the company number an opt-out applies to, both in the
 * form conversations store them (E.164, or a short code as received).
 */
export interface OptOutKey {
  companyId: string;
  customerNumber: string;
  inboxNumber: string;
}

export type Executor = Db | Transaction<Database>;

function keyColumns(key: OptOutKey) {
  return {
    company_id: key.companyId,
    customer_number: key.customerNumber,
    inbox_number: key.inboxNumber,
  };
}

const KEY_COLUMNS = ["company_id", "customer_number", "inbox_number"] as const;

/** Marks the customer opted out of texts from the inbox number. */
export async function recordOptOut(
  db: Executor,
  key: OptOutKey,
  keyword: string,
  at: string,
): Promise<void> {
  const state = { opted_out: 1, keyword, opted_out_at: at, updated_at: at };

  await db
    .insertInto("opt_outs")
    .values({ ...keyColumns(key), ...state })
    .onConflict((oc) => oc.columns(KEY_COLUMNS).doUpdateSet(state))
    .execute();
}

/** Marks the customer opted back in to texts from the inbox number. */
export async function recordOptIn(
  db: Executor,
  key: OptOutKey,
  keyword: string,
  at: string,
): Promise<void> {
  const state = { opted_out: 0, keyword, opted_in_at: at, updated_at: at };

  await db
    .insertInto("opt_outs")
    .values({ ...keyColumns(key), ...state })
    .onConflict((oc) => oc.columns(KEY_COLUMNS).doUpdateSet(state))
    .execute();
}

/** Records that the customer texted HELP, without changing the opt-out. */
export async function recordHelpRequest(
  db: Executor,
  key: OptOutKey,
  at: string,
): Promise<void> {
  await db
    .insertInto("opt_outs")
    .values({
      ...keyColumns(key),
      opted_out: 0,
      last_help_at: at,
      updated_at: at,
    })
    .onConflict((oc) =>
      oc.columns(KEY_COLUMNS).doUpdateSet({ last_help_at: at, updated_at: at }),
    )
    .execute();
}

/**
 * Marks the customer opted out because Twilio rejected a send to them with
 * error 21610. An existing opt-out keeps its keyword and time, and a START
 * received after `at` wins, because the customer opted back in after the
 * rejected send was attempted.
 */
export async function recordOptOutFromSendFailure(
  db: Executor,
  input: OptOutKey & { at: string },
): Promise<void> {
  const { at, ...key } = input;
  const state = { opted_out: 1, keyword: null, opted_out_at: at };

  await db
    .insertInto("opt_outs")
    .values({ ...keyColumns(key), ...state, updated_at: at })
    .onConflict((oc) =>
      oc
        .columns(KEY_COLUMNS)
        .doUpdateSet({ ...state, updated_at: at })
        .where("opt_outs.opted_out", "=", 0)
        .where((eb) =>
          eb.or([
            eb("opt_outs.opted_in_at", "is", null),
            eb("opt_outs.opted_in_at", "<", at),
          ]),
        ),
    )
    .execute();
}

/** Returns the customer's opt-out from the inbox number, if one is stored. */
export async function findOptOut(
  db: Executor,
  key: OptOutKey,
): Promise<{ keyword: string | null; optedOutAt: string | null } | null> {
  const row = await db
    .selectFrom("opt_outs")
    .select(["keyword", "opted_out_at"])
    .where("company_id", "=", key.companyId)
    .where("customer_number", "=", key.customerNumber)
    .where("inbox_number", "=", key.inboxNumber)
    .where("opted_out", "=", 1)
    .executeTakeFirst();

  return row ? { keyword: row.keyword, optedOutAt: row.opted_out_at } : null;
}
