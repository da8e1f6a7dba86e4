import type { Transaction } from "kysely";
import type { Db } from "../../../db/database.js";
import type { Database } from "../../../db/schema.js";

export interface IdempotencyScope {
  companyId: string;
  staffId: string;
  key: string;
}

export interface StoredIdempotencyKey {
  requestHash: string;
  messageId: string;
  conversationId: string;
}

/**
 * Stores the key of the request that created `messageId`, and returns false
 * when the key is already stored. The primary key decides, so of two
 * concurrent requests with one key exactly one inserts.
 * NOTE: keys are kept as long as their message; nothing expires them.
 */
export async function insertIdempotencyKey(
  trx: Transaction<Database>,
  row: IdempotencyScope & {
    requestHash: string;
    messageId: string;
    at: string;
  },
): Promise<boolean> {
  const inserted = await trx
    .insertInto("idempotency_keys")
    .values({
      company_id: row.companyId,
      staff_id: row.staffId,
      key: row.key,
      request_hash: row.requestHash,
      message_id: row.messageId,
      created_at: row.at,
    })
    .onConflict((conflict) =>
      conflict.columns(["company_id", "staff_id", "key"]).doNothing(),
    )
    .returning("message_id")
    .executeTakeFirst();

  return inserted !== undefined;
}

export async function findIdempotencyKey(
  db: Db,
  scope: IdempotencyScope,
): Promise<StoredIdempotencyKey | undefined> {
  const row = await db
    .selectFrom("idempotency_keys as k")
    .innerJoin("messages as m", "m.id", "k.message_id")
    .select(["k.request_hash", "k.message_id", "m.conversation_id"])
    .where("k.company_id", "=", scope.companyId)
    .where("k.staff_id", "=", scope.staffId)
    .where("k.key", "=", scope.key)
    .executeTakeFirst();
  if (!row) return undefined;

  return {
    requestHash: row.request_hash,
    messageId: row.message_id,
    conversationId: row.conversation_id,
  };
}
