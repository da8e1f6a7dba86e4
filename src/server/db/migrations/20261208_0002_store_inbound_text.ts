import { PostgresAdapter, sql, type Kysely } from "kysely";

/*
 * store_inbound_text stores an inbound text without media that is not an
 * opt-out keyword in one statement, so the webhook costs one round trip on
 * PostgreSQL instead of about eight. It repeats, step for step and in the
 * same order of row and advisory locks, what recordMessage
 * (plugins/sms-inbox/conversations/conversation-store.ts) does for such a
 * text. A change to recordMessage, to its statements in
 * message-statements.ts, to countInboundMessage in unread-counters.ts or
 * to appendInboxEvent in events/event-log.ts must therefore be made here
 * too, in a new migration that replaces the function.
 *
 * The caller (conversations/inbound-text-statement.ts) computes the
 * preview and draws the message id, the id of a conversation it may create
 * and the counter shard, so those stay computed in one place.
 * test/webhook/inbound-text-function.test.ts compares both paths row for
 * row. The event's created_at is
 * the message's, where appendInboxEvent reads the clock again a few
 * statements later.
 *
 * Run it as a statement of its own outside an explicit transaction. Its
 * implicit transaction then ends right after it, which releases the
 * company's event log lock and delivers the pg_notify. The function
 * returns inserted = false with the stored ids when the Twilio SID is
 * already stored. SQLite has no stored functions, and keeps using
 * recordMessage.
 */
const CREATE_FUNCTION = sql`
CREATE FUNCTION store_inbound_text(
  p_company_id text,
  p_customer_number text,
  p_inbox_number text,
  p_twilio_sid text,
  p_body text,
  p_preview text,
  p_created_at text,
  p_message_id text,
  p_new_conversation_id text,
  p_shard integer,
  OUT conversation_id text,
  OUT message_id text,
  OUT inserted boolean
) LANGUAGE plpgsql AS $function$
#variable_conflict use_column
DECLARE
  v_conversation_id text;
  v_created boolean := false;
  v_inserted_id text;
BEGIN
  -- findStoredAndConversation: a SID that is already stored changes nothing.
  SELECT m.id, m.conversation_id INTO message_id, conversation_id
  FROM messages m WHERE m.twilio_sid = p_twilio_sid;
  IF FOUND THEN
    inserted := false;
    RETURN;
  END IF;

  SELECT c.id INTO v_conversation_id
  FROM conversations c
  WHERE c.company_id = p_company_id AND c.customer_number = p_customer_number;

  -- ensureConversation: insert it, or read the one a concurrent
  -- transaction inserted after the lookup above.
  IF v_conversation_id IS NULL THEN
    INSERT INTO conversations AS c (id, company_id, customer_number,
      inbox_number, last_message_at, last_message_preview, created_at)
    VALUES (p_new_conversation_id, p_company_id, p_customer_number,
      p_inbox_number, p_created_at, p_preview, p_created_at)
    ON CONFLICT (company_id, customer_number) DO NOTHING
    RETURNING c.id INTO v_conversation_id;

    IF v_conversation_id IS NOT NULL THEN
      v_created := true;
    ELSE
      SELECT c.id INTO v_conversation_id
      FROM conversations c
      WHERE c.company_id = p_company_id
        AND c.customer_number = p_customer_number;
      IF v_conversation_id IS NULL THEN
        RAISE EXCEPTION 'A conflicting conversation was not found.';
      END IF;
    END IF;
  END IF;

  -- insertMessage: a concurrent duplicate loses on the unique SID.
  INSERT INTO messages AS m (id, company_id, conversation_id, direction,
    twilio_sid, from_number, to_number, body, status, error_code,
    error_message, sent_by_staff_id, num_media, created_at, updated_at)
  VALUES (p_message_id, p_company_id, v_conversation_id, 'inbound',
    p_twilio_sid, p_customer_number, p_inbox_number, p_body, 'received',
    NULL, NULL, NULL, 0, p_created_at, p_created_at)
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
    FROM messages m WHERE m.twilio_sid = p_twilio_sid;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'A conflicting Twilio SID was not found.';
    END IF;
    inserted := false;
    RETURN;
  END IF;

  -- touchConversationOnInbound, which locks the conversation row. Every
  -- CASE reads the row as it was before the UPDATE.
  UPDATE conversations c SET
    last_message_at = CASE WHEN c.last_message_at <= p_created_at
      THEN p_created_at ELSE c.last_message_at END,
    last_message_preview = CASE WHEN c.last_message_at <= p_created_at
      THEN p_preview ELSE c.last_message_preview END,
    inbox_number = CASE WHEN c.last_message_at <= p_created_at
      THEN p_inbox_number ELSE c.inbox_number END,
    inbound_count = c.inbound_count + 1,
    last_inbound_at = CASE
      WHEN c.last_inbound_at IS NULL OR c.last_inbound_at < p_created_at
      THEN p_created_at ELSE c.last_inbound_at END
  WHERE c.id = v_conversation_id;

  -- countInboundMessage: a staff member whose read time is at or after the
  -- message's has read it already.
  WITH readers AS (
    UPDATE conversation_reads r
    SET read_inbound_count = r.read_inbound_count + 1
    WHERE r.conversation_id = v_conversation_id
      AND r.last_read_at >= p_created_at
    RETURNING r.staff_id
  )
  INSERT INTO staff_read_counts AS s (company_id, staff_id, read_inbound_count)
  SELECT p_company_id, readers.staff_id, 1 FROM readers
  ON CONFLICT (company_id, staff_id)
  DO UPDATE SET read_inbound_count = s.read_inbound_count + 1;

  INSERT INTO company_inbound_counts AS t (company_id, shard, inbound_count)
  VALUES (p_company_id, p_shard, 1)
  ON CONFLICT (company_id, shard)
  DO UPDATE SET inbound_count = t.inbound_count + 1;

  -- appendInboxEvent, last, because the company's event log lock is held
  -- until the transaction ends. 6926 is EVENT_LOG_LOCK_CLASS (0x1b0e) and
  -- sms_inbox_events is INBOX_EVENTS_CHANNEL.
  PERFORM pg_advisory_xact_lock(6926, hashtext(p_company_id));
  INSERT INTO inbox_events (company_id, type, conversation_id, message_id,
    staff_id, created_at)
  VALUES (p_company_id, 'message.created', v_conversation_id, p_message_id,
    NULL, p_created_at);
  PERFORM pg_notify('sms_inbox_events', p_company_id);

  conversation_id := v_conversation_id;
  message_id := p_message_id;
  inserted := true;
END
$function$
`;

// Migrations take Kysely<unknown> so they never depend on today's table types.
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;

  await CREATE_FUNCTION.execute(db);
  await sql`
    COMMENT ON FUNCTION store_inbound_text(text, text, text, text, text,
      text, text, text, text, integer)
    IS 'Repeats recordMessage (conversation-store.ts) for an inbound text without media that is not an opt-out keyword. Change both together.'
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;

  await sql`
    DROP FUNCTION store_inbound_text(text, text, text, text, text, text,
      text, text, text, integer)
  `.execute(db);
}

// NOTE: getExecutor() is marked internal in Kysely 0.28's typings, but it is
// the only way a migration can tell the dialect it runs on.
function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
