import { PostgresAdapter, sql, type Kysely } from "kysely";
import { up as createStoreInboundText } from "./20261208_0002_store_inbound_text.js";

/*
 * store_inbound_texts stores several inbound texts of one company, each
 * without media and not an opt-out keyword, in one statement and so in one
 * transaction on PostgreSQL. It replaces store_inbound_text, which stored
 * one text per transaction: each of those held the company's event log
 * lock through its COMMIT's WAL flush, so one company's texts committed
 * one flush at a time.
 *
 * For each text it repeats, step for step, what recordMessage
 * (plugins/sms-inbox/conversations/conversation-store.ts) does, except
 * that the writes every text of the group shares come once, at the end:
 * the read counts of staff who had read ahead of a text
 * (staff_read_counts), the company's inbound total and the events. A
 * change to recordMessage, to its statements in message-statements.ts, to
 * countInboundMessage in unread-counters.ts or to appendInboxEvent in
 * events/event-log.ts must therefore be made here too, in a new migration
 * that replaces the function.
 *
 * Locks are taken in one order by every group: the conversations of the
 * texts in the order the caller passes them (sorted by customer number),
 * then the staff_read_counts rows by staff id, then the inbound total's
 * shard row, and last the event log lock, which is held until the
 * transaction ends. A text's conversation is locked before its message is
 * inserted, so a group that waits for another's copy of a Twilio SID holds
 * no lock of that customer. Unlike recordMessage, which locks the
 * conversation after the insert, two instances that store a redelivered
 * text in groups therefore do not deadlock. A deadlock remains possible
 * when one SID arrives from two customers, or through both this function
 * and recordMessage, which Twilio's redeliveries do not do; PostgreSQL
 * then aborts one of the transactions, and the caller stores its texts
 * again. Other writers lock the conversations they change before they
 * take the event log lock.
 *
 * The caller (conversations/inbound-text-statement.ts) computes the
 * previews and draws the message ids, the ids of conversations it may
 * create and the shard, so those stay computed in one place. The function
 * returns one row per text, numbered from 1 in the order of the arrays by
 * text_index: inserted = false
 * with the stored ids when the Twilio SID is already stored, by an earlier
 * text of the same group too. Events are appended in the order of the
 * texts' created_at, then of their position. Run it as a statement of its
 * own outside an explicit transaction, so that the transaction ends right
 * after it, which releases the event log lock and delivers the one
 * pg_notify. test/webhook/inbound-text-function.test.ts compares it with
 * recordMessage row for row. SQLite has no stored functions, and keeps
 * using recordMessage.
 */
const CREATE_FUNCTION = sql`
CREATE FUNCTION store_inbound_texts(
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

const OLD_SIGNATURE = sql`store_inbound_text(text, text, text, text, text,
  text, text, text, text, integer)`;

const SIGNATURE = sql`store_inbound_texts(text, integer, text[], text[],
  text[], text[], text[], text[], text[], text[])`;

// Migrations take Kysely<unknown> so they never depend on today's table types.
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;

  await CREATE_FUNCTION.execute(db);
  await sql`
    COMMENT ON FUNCTION ${SIGNATURE}
    IS 'Repeats recordMessage (conversation-store.ts) for inbound texts without media that are not opt-out keywords. Change both together.'
  `.execute(db);
  await sql`DROP FUNCTION ${OLD_SIGNATURE}`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;

  await sql`DROP FUNCTION ${SIGNATURE}`.execute(db);
  await createStoreInboundText(db);
}

// NOTE: getExecutor() is marked internal in Kysely 0.28's typings, but it is
// the only way a migration can tell the dialect it runs on.
function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
