import type { Generated } from "kysely";

/**
 * Table types, with columns in snake_case as stored. Ids are random UUID
 * strings. Timestamps are ISO 8601 UTC strings with milliseconds, so they
 * sort correctly as text on SQLite and PostgreSQL. Booleans are 0/1 integers.
 */
export interface Database {
  companies: CompaniesTable;
  twilio_connections: TwilioConnectionsTable;
  locations: LocationsTable;
  roles: RolesTable;
  staff: StaffTable;
  staff_locations: StaffLocationsTable;
  staff_invitations: StaffInvitationsTable;
  sessions: SessionsTable;
  customers: CustomersTable;
  plugin_installations: PluginInstallationsTable;
  plugin_locations: PluginLocationsTable;
  inbox_numbers: InboxNumbersTable;
  webhook_health: WebhookHealthTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  message_media: MessageMediaTable;
  conversation_reads: ConversationReadsTable;
  company_inbound_counts: CompanyInboundCountsTable;
  staff_read_counts: StaffReadCountsTable;
  outbox_jobs: OutboxJobsTable;
  outbox_sender_slots: OutboxSenderSlotsTable;
  idempotency_keys: IdempotencyKeysTable;
  opt_outs: OptOutsTable;
  media_uploads: MediaUploadsTable;
  inbox_events: InboxEventsTable;
  audit_events: AuditEventsTable;
}

export interface CompaniesTable {
  id: string;
  name: string;
  /** ISO 3166-1 alpha-2 region used to read national-format numbers. */
  country: string;
  /** Secret path segment of the company's webhook URL. */
  webhook_token: string;
  /** The token before the last rotation, accepted until it expires. */
  previous_webhook_token: string | null;
  previous_webhook_token_expires_at: string | null;
  created_at: string;
}

export interface TwilioConnectionsTable {
  company_id: string;
  account_sid: string;
  /** AES-256-GCM ciphertext of the auth token (see crypto/secret-box.ts). */
  auth_token_encrypted: string;
  /** E.164 number the company texts from by default. */
  default_number: string;
  /** Label of the default number, at first its Twilio friendly name. */
  default_number_name: string | null;
  updated_at: string;
}

export interface LocationsTable {
  id: string;
  company_id: string;
  name: string;
  created_at: string;
}

export interface RolesTable {
  id: string;
  company_id: string;
  name: string;
  /** JSON array of permission keys, such as `["sms-chat.send"]`. */
  permissions: string;
  created_at: string;
}

export interface StaffTable {
  id: string;
  company_id: string;
  role_id: string;
  /** Lower-cased; unique across the installation because it signs in. */
  email: string;
  name: string;
  /** Empty until an invited staff member sets a password; "" never verifies. */
  password_hash: string;
  active: number;
  created_at: string;
  /** Set when the staff member was removed. The row stays so that messages
   * keep the sender's name, but it can never sign in again. */
  removed_at: string | null;
}

/** A one-time link that lets an invited staff member set a password. */
export interface StaffInvitationsTable {
  /** SHA-256 (hex) of the token in the link; the token is never stored. */
  id: string;
  company_id: string;
  staff_id: string;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
}

export interface StaffLocationsTable {
  staff_id: string;
  location_id: string;
}

export interface SessionsTable {
  /** SHA-256 of the session cookie value, so a leaked table grants nothing. */
  id: string;
  staff_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface CustomersTable {
  id: string;
  company_id: string;
  name: string;
  /** The number as entered, in any format. */
  phone: string;
  /** E.164 form of `phone` for the company's country, when it parses. */
  phone_e164: string | null;
  created_at: string;
}

export interface PluginInstallationsTable {
  company_id: string;
  plugin_id: string;
  installed_at: string;
}

export interface PluginLocationsTable {
  company_id: string;
  plugin_id: string;
  location_id: string;
}

export interface InboxNumbersTable {
  id: string;
  company_id: string;
  account_sid: string;
  phone_number: string;
  /** IncomingPhoneNumber SID (PN…), null when the number was typed by hand. */
  twilio_sid: string | null;
  /** Label staff see next to the number, at first its Twilio friendly name. */
  name: string | null;
  created_at: string;
}

/** The last check of an inbox number's incoming-message webhook on Twilio. */
export interface WebhookHealthTable {
  company_id: string;
  /** E.164 inbox number: the default number or an added one. */
  phone_number: string;
  /** Outcome of the lookup: "not_found" means not on the connected
   * account, "unreachable" that Twilio did not respond. */
  lookup: "found" | "not_found" | "failed" | "unreachable";
  /** IncomingPhoneNumber SID (PN…) when found. */
  twilio_sid: string | null;
  /** The number's SmsUrl on Twilio when found; "" when unset. */
  sms_url: string | null;
  sms_method: string | null;
  sms_capable: number | null;
  /** Twilio's error code of a failed lookup; null without a response. */
  error_code: number | null;
  /** Explanation of a failed lookup, safe to show to staff. */
  error_message: string | null;
  checked_at: string;
  /** JSON of the number's Messaging Service check; null when not checked.
   * Optional because lookups are saved before their service check. */
  messaging_service?: string | null;
}

export interface ConversationsTable {
  id: string;
  company_id: string;
  /** E.164 number, short code or alphanumeric sender, exactly as received. */
  customer_number: string;
  /** The company number the customer last texted; replies go out on it. */
  inbox_number: string;
  last_message_at: string;
  last_message_preview: string;
  created_at: string;
  /** The customer staff chose for this conversation; null until one is chosen. */
  customer_id: string | null;
  /** Inbound messages stored in the conversation. */
  inbound_count: Generated<number>;
  /** Newest inbound message's created_at; null before the first one. */
  last_inbound_at: string | null;
  /**
   * The message that last_message_at and last_message_preview describe;
   * null until the conversation's first message is stored.
   */
  last_message_id: string | null;
  /**
   * 1 while the last message is an outbound text that did not reach the
   * customer (see last-message-failure.ts), else 0.
   */
  last_message_failed: Generated<number>;
}

export interface MessagesTable {
  id: string;
  company_id: string;
  conversation_id: string;
  direction: "inbound" | "outbound";
  /** Twilio MessageSid; unique, so a redelivered webhook is stored once. */
  twilio_sid: string | null;
  from_number: string;
  to_number: string;
  body: string;
  status: string;
  error_code: number | null;
  error_message: string | null;
  sent_by_staff_id: string | null;
  num_media: number;
  created_at: string;
  updated_at: string;
  /** When `status` last changed; null until the first change after insert. */
  status_changed_at: string | null;
}

export interface MessageMediaTable {
  message_id: string;
  position: number;
  url: string;
  content_type: string;
}

export interface ConversationReadsTable {
  conversation_id: string;
  staff_id: string;
  last_read_at: string;
  /** Inbound messages of the conversation created at or before
   * `last_read_at`; the rest are unread. */
  read_inbound_count: Generated<number>;
}

/** One shard of a company's count of inbound messages; the shards add up
 * to the total. Webhooks add to a random shard. */
export interface CompanyInboundCountsTable {
  company_id: string;
  shard: number;
  /** A string on PostgreSQL, where the column is a bigint. */
  inbound_count: number | string;
}

/** The sum of a staff member's conversation_reads.read_inbound_count. */
export interface StaffReadCountsTable {
  company_id: string;
  staff_id: string;
  /** A string on PostgreSQL, where the column is a bigint. */
  read_inbound_count: number | string;
}

/** A customer's opt-out state for one company number. */
export interface OptOutsTable {
  company_id: string;
  customer_number: string;
  inbox_number: string;
  /** 1 while the customer has opted out of texts from `inbox_number`. */
  opted_out: number;
  /** Upper-cased keyword of the last opt-out or opt-in; null when Twilio
   * reported the opt-out through a failed send (error 21610). */
  keyword: string | null;
  opted_out_at: string | null;
  opted_in_at: string | null;
  last_help_at: string | null;
  updated_at: string;
}

/**
 * The delivery job of an outbound message. A `pending` job is due at
 * `next_attempt_at`. A worker moves it to `sending` with a lease until
 * `locked_until`, then to `done`, to `failed`, or back to `pending` for a
 * retry. A `sending` job whose lease expired returns to `pending`.
 */
export interface OutboxJobsTable {
  id: string;
  company_id: string;
  message_id: string;
  state: "pending" | "sending" | "done" | "failed";
  /** Attempts claimed so far, counting the one in progress. */
  attempts: number;
  next_attempt_at: string;
  locked_until: string | null;
  /** Id of the worker holding the lease. */
  locked_by: string | null;
  /** 1 when an earlier attempt may have reached Twilio, so the next one
   * looks for the message on Twilio before sending it again. */
  reconcile_first: number;
  /** Explanation of the last failed attempt. */
  last_error: string | null;
  /** When the current send was requested: the message's creation time,
   * or the last retry request's, unless an earlier attempt may have reached
   * Twilio. Searches on Twilio start a minute before it. */
  queued_at: string;
  created_at: string;
  updated_at: string;
}

/**
 * The next send slot of one sending number. The outbox claims a text from
 * `from_number` only at or after `next_send_at`, which the claim moves on
 * by one interval of OUTBOX_RATE_PER_NUMBER.
 */
export interface OutboxSenderSlotsTable {
  company_id: string;
  /** E.164 number the texts are sent from. */
  from_number: string;
  next_send_at: string;
}

/** A send request's Idempotency-Key and the message it created. */
export interface IdempotencyKeysTable {
  company_id: string;
  staff_id: string;
  key: string;
  /** SHA-256 of the request, so a reused key with another body is caught. */
  request_hash: string;
  message_id: string;
  created_at: string;
}

/** A file a staff member attached to an outgoing text. */
export interface MediaUploadsTable {
  id: string;
  company_id: string;
  uploaded_by_staff_id: string | null;
  /** 32 random bytes, base64url: the secret path segment Twilio fetches. */
  public_token: string;
  /** Sanitized file name, sent in Content-Disposition. */
  filename: string;
  content_type: string;
  /** In bytes. */
  size: number;
  created_at: string;
  /** When the public URL stops working; staff can still view the file. */
  expires_at: string;
}

/**
 * An append-only log of inbox changes that live-update streams send on. A
 * writer appends its row in the transaction of the change it describes.
 */
export interface InboxEventsTable {
  /** Grows with every append, so it orders events and resumes streams. */
  id: Generated<number>;
  company_id: string;
  type:
    | "message.created"
    | "message.updated"
    | "conversation.read"
    | "conversation.updated";
  conversation_id: string;
  message_id: string | null;
  /** Set on events only this staff member's streams receive. */
  staff_id: string | null;
  created_at: string;
}

/** A security-relevant action: who did what to which record, and when. */
export interface AuditEventsTable {
  id: string;
  company_id: string;
  /** Null when the action came from a shell command rather than a person. */
  actor_staff_id: string | null;
  /** The actor's name when the action happened. */
  actor_name: string;
  /** Dotted key such as `twilio.connection_changed`; see audit-actions.ts. */
  action: string;
  target_type: string | null;
  target_id: string | null;
  /** Human-readable name of the target when the action happened. */
  target_label: string | null;
  /** JSON object with action-specific facts; never a secret. */
  details: string;
  ip: string | null;
  created_at: string;
}
