import { PostgresAdapter, sql, type Kysely } from "kysely";
import { up as createStoreInboundText } from "./20261208_0002_store_inbound_text.js";
import { up as createStoreInboundTexts } from "./20261209_0001_store_inbound_texts.js";

/*
 * Adds two columns that let the conversation list mark a conversation
 * whose last text did not reach the customer, read from the conversation
 * row as its preview is:
 * - last_message_id, the message that last_message_at and
 *   last_message_preview describe, so a status change can tell whether it
 *   changed the last message;
 * - last_message_failed, 1 while that message is an outbound text with
 *   status failed, undelivered or canceled, else 0.
 * Both are backfilled from the stored messages. Of messages created at the
 * same millisecond, the one with the largest id counts as the last.
 *
 * On PostgreSQL, store_inbound_texts is replaced by a copy of the function
 * of migration 20261209_0001 whose conversation UPDATE also moves both
 * columns to the new inbound text, as touchConversationOnInbound does.
 * That migration describes the function, its locks and its callers.
 */

const REPLACE_FUNCTION = sql`
CREATE OR REPLACE FUNCTION store_inbound_texts(
  p_company_id text,
  p_shard integer,
  p_customer_numbers text[],
  p_inbox_numbers text[],
  p_twilio_sids text[],
  p_bodies text[],
  p_previews text[],
  p_created_ats text[],
  p_message_ids text[],
  p_new_conversation_ids text[]
) RETURNS TABLE (text_index integer, conversation_id text,
  message_id text, inserted boolean)
LANGUAGE plpgsql AS $function$
#variable_conflict use_column
DECLARE
  i integer;
  v_conversation_id text;
  v_created boolean;
  v_inserted_id text;
  v_readers text[];
  v_all_readers text[] := '{}';
  v_stored integer[] := '{}';
  v_stored_conversations text[] := '{}';
BEGIN
  FOR i IN 1 .. coalesce(array_length(p_twilio_sids, 1), 0) LOOP
    text_index := i;
    -- findStoredAndConversation: a SID that is already stored changes
    -- nothing.
    SELECT m.id, m.conversation_id INTO message_id, conversation_id
    FROM messages m WHERE m.twilio_sid = p_twilio_sids[i];
    IF FOUND THEN
      inserted := false;
      RETURN NEXT;
      CONTINUE;
    END IF;

    v_created := false;
    SELECT c.id INTO v_conversation_id
    FROM conversations c
    WHERE c.company_id = p_company_id
      AND c.customer_number = p_customer_numbers[i]
    FOR NO KEY UPDATE;

    -- ensureConversation: insert it, or read the one a concurrent
    -- transaction inserted after the lookup above.
    IF v_conversation_id IS NULL THEN
      INSERT INTO conversations AS c (id, company_id, customer_number,
        inbox_number, last_message_at, last_message_preview, created_at)
      VALUES (p_new_conversation_ids[i], p_company_id, p_customer_numbers[i],
        p_inbox_numbers[i], p_created_ats[i], p_previews[i], p_created_ats[i])
      ON CONFLICT (company_id, customer_number) DO NOTHING
      RETURNING c.id INTO v_conversation_id;

      IF v_conversation_id IS NOT NULL THEN
        v_created := true;
      ELSE
        SELECT c.id INTO v_conversation_id
        FROM conversations c
        WHERE c.company_id = p_company_id
          AND c.customer_number = p_customer_numbers[i]
        FOR NO KEY UPDATE;
        IF v_conversation_id IS NULL THEN
          RAISE EXCEPTION 'A conflicting conversation was not found.';
        END IF;
      END IF;
    END IF;

    -- insertMessage: a concurrent duplicate loses on the unique SID.
    v_inserted_id := NULL;
    INSERT INTO messages AS m (id, company_id, conversation_id, direction,
      twilio_sid, from_number, to_number, body, status, error_code,
      error_message, sent_by_staff_id, num_media, created_at, updated_at)
    VALUES (p_message_ids[i], p_company_id, v_conversation_id, 'inbound',
      p_twilio_sids[i], p_customer_numbers[i], p_inbox_numbers[i],
      p_bodies[i], 'received', NULL, NULL, NULL, 0, p_created_ats[i],
      p_created_ats[i])
    ON CONFLICT (twilio_sid) DO NOTHING
    RETURNING m.id INTO v_inserted_id;

    IF v_inserted_id IS NULL THEN
      IF v_created THEN
        DELETE FROM conversations c
        WHERE c.id = v_conversation_id
          AND NOT EXISTS (
            SELECT 1 FROM messages m WHERE m.conversation_id = c.id
          );
      END IF;
      SELECT m.id, m.conversation_id INTO message_id, conversation_id
      FROM messages m WHERE m.twilio_sid = p_twilio_sids[i];
      IF NOT FOUND THEN
        RAISE EXCEPTION 'A conflicting Twilio SID was not found.';
      END IF;
      inserted := false;
      RETURN NEXT;
      CONTINUE;
    END IF;

    -- touchConversationOnInbound, which locks the conversation row. Every
    -- CASE reads the row as it was before the UPDATE.
    UPDATE conversations c SET
      last_message_at = CASE WHEN c.last_message_at <= p_created_ats[i]
        THEN p_created_ats[i] ELSE c.last_message_at END,
      last_message_preview = CASE WHEN c.last_message_at <= p_created_ats[i]
        THEN p_previews[i] ELSE c.last_message_preview END,
      inbox_number = CASE WHEN c.last_message_at <= p_created_ats[i]
        THEN p_inbox_numbers[i] ELSE c.inbox_number END,
      last_message_id = CASE WHEN c.last_message_at <= p_created_ats[i]
        THEN p_message_ids[i] ELSE c.last_message_id END,
      last_message_failed = CASE WHEN c.last_message_at <= p_created_ats[i]
        THEN 0 ELSE c.last_message_failed END,
      inbound_count = c.inbound_count + 1,
      last_inbound_at = CASE
        WHEN c.last_inbound_at IS NULL OR c.last_inbound_at < p_created_ats[i]
        THEN p_created_ats[i] ELSE c.last_inbound_at END
    WHERE c.id = v_conversation_id;

    -- countInboundMessage: a staff member whose read time is at or after
    -- the message's has read it already. Their staff_read_counts rows are
    -- raised after the loop.
    WITH readers AS (
      UPDATE conversation_reads r
      SET read_inbound_count = r.read_inbound_count + 1
      WHERE r.conversation_id = v_conversation_id
        AND r.last_read_at >= p_created_ats[i]
      RETURNING r.staff_id
    )
    SELECT array_agg(readers.staff_id) INTO v_readers FROM readers;
    v_all_readers := v_all_readers || coalesce(v_readers, '{}');

    v_stored := v_stored || i;
    v_stored_conversations := v_stored_conversations || v_conversation_id;
    conversation_id := v_conversation_id;
    message_id := p_message_ids[i];
    inserted := true;
    RETURN NEXT;
  END LOOP;

  IF cardinality(v_stored) = 0 THEN
    RETURN;
  END IF;

  INSERT INTO staff_read_counts AS s (company_id, staff_id, read_inbound_count)
  SELECT p_company_id, reader, count(*)::integer
  FROM unnest(v_all_readers) AS reader
  GROUP BY reader
  ORDER BY reader
  ON CONFLICT (company_id, staff_id)
  DO UPDATE SET read_inbound_count =
    s.read_inbound_count + excluded.read_inbound_count;

  INSERT INTO company_inbound_counts AS t (company_id, shard, inbound_count)
  VALUES (p_company_id, p_shard, cardinality(v_stored))
  ON CONFLICT (company_id, shard)
  DO UPDATE SET inbound_count = t.inbound_count + excluded.inbound_count;

  -- appendInboxEvent, last, because the company's event log lock is held
  -- until the transaction ends. 6926 is EVENT_LOG_LOCK_CLASS (0x1b0e) and
  -- sms_inbox_events is INBOX_EVENTS_CHANNEL.
  PERFORM pg_advisory_xact_lock(6926, hashtext(p_company_id));
  INSERT INTO inbox_events (company_id, type, conversation_id, message_id,
    staff_id, created_at)
  SELECT p_company_id, 'message.created', stored.conversation,
    p_message_ids[stored.position], NULL, p_created_ats[stored.position]
  FROM unnest(v_stored, v_stored_conversations)
    AS stored(position, conversation)
  ORDER BY p_created_ats[stored.position], stored.position;
  PERFORM pg_notify('sms_inbox_events', p_company_id);
END
$function$
`;

const SIGNATURE = sql`store_inbound_texts(text, integer, text[], text[],
  text[], text[], text[], text[], text[], text[])`;

// Migrations take Kysely<unknown> so they never depend on today's table types.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("conversations")
    .addColumn("last_message_id", "text")
    .execute();
  await db.schema
    .alterTable("conversations")
    .addColumn("last_message_failed", "integer", (col) =>
      col.notNull().defaultTo(0),
    )
    .execute();
  await backfill(db);
  if (isPostgres(db)) await REPLACE_FUNCTION.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    // 20261209_0001 creates its function from that of 20261208_0002, so
    // both run again to restore it.
    await sql`DROP FUNCTION ${SIGNATURE}`.execute(db);
    await createStoreInboundText(db);
    await createStoreInboundTexts(db);
  }
  await db.schema
    .alterTable("conversations")
    .dropColumn("last_message_failed")
    .execute();
  await db.schema
    .alterTable("conversations")
    .dropColumn("last_message_id")
    .execute();
}

/**
 * Points each conversation at its newest message, by the index on
 * (conversation_id, created_at desc, id desc), then flags the
 * conversations whose newest message did not reach the customer.
 */
async function backfill(db: Kysely<unknown>): Promise<void> {
  await sql`
    UPDATE conversations SET last_message_id = (
      SELECT m.id FROM messages m
      WHERE m.conversation_id = conversations.id
      ORDER BY m.created_at DESC, m.id DESC
      LIMIT 1
    )
  `.execute(db);
  await sql`
    UPDATE conversations SET last_message_failed = 1
    WHERE EXISTS (
      SELECT 1 FROM messages m
      WHERE m.id = conversations.last_message_id
        AND m.direction = 'outbound'
        AND m.status IN ('failed', 'undelivered', 'canceled')
    )
  `.execute(db);
}

// NOTE: getExecutor() is marked internal in Kysely 0.28's typings, but it is
// the only way a migration can tell the dialect it runs on.
function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
