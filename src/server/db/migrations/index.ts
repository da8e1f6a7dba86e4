import type { Migration } from "kysely";
import * as initial from "./20261204_0001_initial.js";
import * as outbox from "./20261204_0002_outbox.js";
import * as optOut from "./20261204_0003_opt_out.js";
import * as media from "./20261204_0004_media.js";
import * as inboxEvents from "./20261204_0005_inbox_events.js";
import * as audit from "./20261204_0006_audit.js";
import * as staffAdmin from "./20261204_0007_staff_admin.js";
import * as customerLinks from "./20261204_0008_customer_links.js";
import * as webhookHealth from "./20261204_0009_webhook_health.js";
import * as inboxScale from "./20261204_0010_inbox_scale.js";
import * as sendRate from "./20261204_0011_send_rate.js";
import * as numberSearch from "./20261204_0012_number_search.js";
import * as webhookHealthServices from "./20261205_0001_webhook_health_services.js";
import * as locationNames from "./20261205_0002_location_names.js";
import * as customerNameKeys from "./20261206_0001_customer_name_keys.js";
import * as messageSearchByApp from "./20261207_0001_message_search_by_app.js";
import * as messageSearchKeys from "./20261208_0001_message_search_keys.js";
import * as storeInboundText from "./20261208_0002_store_inbound_text.js";
import * as storeInboundTexts from "./20261209_0001_store_inbound_texts.js";
import * as inboxNumberNames from "./20261210_0001_inbox_number_names.js";
import * as lastMessageFailure from "./20261211_0001_last_message_failure.js";

/** Every migration, keyed by a name that sorts in the order they apply. */
export const migrations: Record<string, Migration> = {
  "20261204_0001_initial": initial,
  "20261204_0002_outbox": outbox,
  "20261204_0003_opt_out": optOut,
  "20261204_0004_media": media,
  "20261204_0005_inbox_events": inboxEvents,
  "20261204_0006_audit": audit,
  "20261204_0007_staff_admin": staffAdmin,
  "20261204_0008_customer_links": customerLinks,
  "20261204_0009_webhook_health": webhookHealth,
  "20261204_0010_inbox_scale": inboxScale,
  "20261204_0011_send_rate": sendRate,
  "20261204_0012_number_search": numberSearch,
  "20261205_0001_webhook_health_services": webhookHealthServices,
  "20261205_0002_location_names": locationNames,
  "20261206_0001_customer_name_keys": customerNameKeys,
  "20261207_0001_message_search_by_app": messageSearchByApp,
  "20261208_0001_message_search_keys": messageSearchKeys,
  "20261208_0002_store_inbound_text": storeInboundText,
  "20261209_0001_store_inbound_texts": storeInboundTexts,
  "20261210_0001_inbox_number_names": inboxNumberNames,
  "20261211_0001_last_message_failure": lastMessageFailure,
};
