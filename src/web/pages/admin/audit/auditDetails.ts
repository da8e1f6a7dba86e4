import { formatFullTime } from "../../../format/time";

/** Labels of detail keys the audit log records; others are split from camelCase. */
const keyLabels: Record<string, string> = {
  accountSid: "Account SID",
  authTokenChanged: "Auth token changed",
  defaultNumber: "Default number",
  inviteExpiresAt: "Invite link expires",
  newLink: "New invite link",
};

/** Timestamps as the server stores them, such as 2026-12-11T19:21:59.166Z. */
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function labelOf(key: string): string {
  const known = keyLabels[key];
  if (known) return known;

  const words = key.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
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
