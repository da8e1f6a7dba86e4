/**
 * The actions the audit log records. Keys are stored, so never rename one;
 * labels are what the audit page shows.
 */
export const auditActions = {
  twilioConnectionChanged: "twilio.connection_changed",
  webhookTokenRotated: "sms_inbox.webhook_token_rotated",
  webhookSet: "sms_inbox.webhook_set",
  roleCreated: "role.created",
  roleUpdated: "role.updated",
  roleDeleted: "role.deleted",
  staffAdded: "staff.added",
  staffInvited: "staff.invited",
  staffUpdated: "staff.updated",
  staffDeactivated: "staff.deactivated",
  staffReactivated: "staff.reactivated",
  staffRemoved: "staff.removed",
  locationCreated: "location.created",
  locationRenamed: "location.renamed",
  locationDeleted: "location.deleted",
  pluginInstalled: "plugin.installed",
  pluginUninstalled: "plugin.uninstalled",
  pluginLocationsChanged: "plugin.locations_changed",
  inboxNumberAdded: "sms_inbox.number_added",
  inboxNumberRemoved: "sms_inbox.number_removed",
} as const;

export type AuditAction = (typeof auditActions)[keyof typeof auditActions];

export const auditActionLabels: Record<AuditAction, string> = {
  "twilio.connection_changed": "Twilio connection changed",
  "sms_inbox.webhook_token_rotated": "Webhook token rotated",
  "sms_inbox.webhook_set": "Webhook set on a number",
  "role.created": "Role created",
  "role.updated": "Role changed",
  "role.deleted": "Role deleted",
  "staff.added": "Staff member added",
  "staff.invited": "Staff member invited",
  "staff.updated": "Staff member changed",
  "staff.deactivated": "Staff member deactivated",
  "staff.reactivated": "Staff member reactivated",
  "staff.removed": "Staff member removed",
  "location.created": "Location created",
  "location.renamed": "Location renamed",
  "location.deleted": "Location deleted",
  "plugin.installed": "Plugin installed",
  "plugin.uninstalled": "Plugin uninstalled",
  "plugin.locations_changed": "Plugin locations changed",
  "sms_inbox.number_added": "Inbox number added",
  "sms_inbox.number_removed": "Inbox number removed",
};
