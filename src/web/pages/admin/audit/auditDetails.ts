import { formatFullTime } from "../../../format/time";

/**
 * Labels of the detail keys that the server records in the audit log. A key
 * missing here is split from camelCase, with known abbreviations such as
 * SMS and URL written in capitals.
 */
export const auditDetailLabels: Readonly<Record<string, string>> = {
  accountSid: "Account SID",
  authTokenChanged: "Auth token changed",
  country: "Country",
  customer: "Customer",
  customersCreated: "Customers added",
  defaultNumber: "Default number",
  disabledAt: "Disabled at",
  email: "Email",
  enabledAt: "Enabled at",
  inviteExpiresAt: "Invite link expires",
  locations: "Locations",
  name: "Name",
  newLink: "New invite link",
  newSmsMethod: "New SMS method",
  newSmsUrl: "New SMS URL",
  permissions: "Permissions",
  phone: "Phone",
  phoneNumber: "Phone number",
  phoneSharedWith: "Confirmed sharing the number with",
  previousSmsMethod: "Previous SMS method",
  previousSmsUrl: "Previous SMS URL",
  previousTokenValidUntil: "Previous token valid until",
  reason: "Reason",
  role: "Role",
  rowsInFile: "Rows in the file",
  rowsSkipped: "Rows skipped",
};

/** Abbreviations written in capitals when a label is built from a key. */
const ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ["id", "ID"],
  ["ip", "IP"],
  ["mms", "MMS"],
  ["sid", "SID"],
  ["sms", "SMS"],
  ["url", "URL"],
]);

/** Timestamps as the server stores them, such as 2026-12-11T19:21:59.166Z. */
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function labelOf(key: string): string {
  const known = auditDetailLabels[key];
  if (known) return known;

  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[\s_]+/)
    .filter((word) => word !== "")
    .map((word) => ABBREVIATIONS.get(word) ?? word);
  const [first = "", ...rest] = words;

  return [first.charAt(0).toUpperCase() + first.slice(1), ...rest].join(" ");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "none";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (Array.isArray(value)) {
    return value.length === 0 ? "none" : value.map(formatValue).join(", ");
  }
  if (isRecord(value)) return JSON.stringify(value);
  if (typeof value === "string" && ISO_TIMESTAMP.test(value)) {
    return formatFullTime(value);
  }

  return String(value);
}

function formatChange(value: Record<string, unknown>): string | null {
  if ("old" in value && "new" in value) {
    return `${formatValue(value.old)} → ${formatValue(value.new)}`;
  }
  if ("added" in value && "removed" in value) {
    const parts: string[] = [];
    if (Array.isArray(value.added) && value.added.length > 0) {
      parts.push(`added ${formatValue(value.added)}`);
    }
    if (Array.isArray(value.removed) && value.removed.length > 0) {
      parts.push(`removed ${formatValue(value.removed)}`);
    }
    return parts.join("; ") || "no change";
  }

  return null;
}

/**
 * Turns an audit entry's details into label and text lines, such as
 * "Default number: +14155550100 → +14155550111".
 */
export function describeAuditDetails(
  details: Record<string, unknown>,
): { label: string; text: string }[] {
  return Object.entries(details).map(([key, value]) => ({
    label: labelOf(key),
    text: isRecord(value)
      ? (formatChange(value) ?? formatValue(value))
      : formatValue(value),
  }));
}
