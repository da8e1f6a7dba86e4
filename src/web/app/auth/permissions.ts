import type { Me } from "../../../common/api";

/** Permission keys the web app checks; the server enforces the same keys. */
export const permissions = {
  manageCompany: "company.manage",
  sendSms: "sms-chat.send",
} as const;

/** Names of the permissions as the role editor shows them. */
export const permissionLabels: Record<string, string> = {
  [permissions.manageCompany]: "Manage company",
  [permissions.sendSms]: "SMS Inbox (send)",
};

export function hasPermission(me: Me, key: string): boolean {
  return me.permissions.includes(key);
}
