/**
 * Table types. Columns are snake_case as stored; ids are random UUID strings
 * and timestamps are ISO 8601 UTC strings with milliseconds, which sort
 * correctly as text on both SQLite and PostgreSQL. Booleans are 0/1 integers.
 */
export interface Database {
  companies: CompaniesTable;
  twilio_connections: TwilioConnectionsTable;
  locations: LocationsTable;
  roles: RolesTable;
  staff: StaffTable;
  staff_locations: StaffLocationsTable;
  sessions: SessionsTable;
  customers: CustomersTable;
  plugin_installations: PluginInstallationsTable;
  plugin_locations: PluginLocationsTable;
  inbox_numbers: InboxNumbersTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  message_media: MessageMediaTable;
  conversation_reads: ConversationReadsTable;
}

export interface CompaniesTable {
  id: string;
  name: string;
  /** ISO 3166-1 alpha-2 region used to read national-format numbers. */
  country: string;
  /** Secret path segment of the company's webhook URL. */
  webhook_token: string;
  created_at: string;
}

export interface TwilioConnectionsTable {
  company_id: string;
  account_sid: string;
  /** AES-256-GCM ciphertext of the auth token (see crypto/secret-box.ts). */
  auth_token_encrypted: string;
  /** E.164 number the company texts from by default. */
  default_number: string;
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
  password_hash: string;
  active: number;
  created_at: string;
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
  created_at: string;
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
}
