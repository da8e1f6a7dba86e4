/**
 * The JSON API of the admin pages: staff, invitations, roles, locations and
 * the audit log. Every route except the two invitation routes needs the
 * `company.manage` permission; see src/common/api.ts for the conventions
 * (errors, CSRF header).
 *
 *   GET    /api/staff                        -> { staff: StaffMember[] }
 *   POST   /api/staff                        NewStaffRequest -> 201 CreatedStaff
 *   PATCH  /api/staff/:staffId               StaffUpdate -> StaffMember
 *   POST   /api/staff/:staffId/deactivate    -> StaffMember (ends their sessions)
 *   POST   /api/staff/:staffId/reactivate    -> StaffMember
 *   POST   /api/staff/:staffId/invitation    -> CreatedStaff (a new invite link)
 *   DELETE /api/staff/:staffId               -> 204 (removes the login; the
 *                                            name stays on sent messages)
 *   GET    /api/roles                        -> RoleList
 *   POST   /api/roles                        RoleInput -> 201 Role
 *   PUT    /api/roles/:roleId                RoleInput -> Role
 *   DELETE /api/roles/:roleId                -> 204 (409 while staff hold it)
 *   POST   /api/locations                    LocationInput -> 201 Location
 *   PUT    /api/locations/:locationId        LocationInput -> Location
 *   DELETE /api/locations/:locationId        -> 204 (409 while staff work only there)
 *   GET    /api/audit?action=&cursor=&limit= -> AuditPage
 *
 *   Public (no session):
 *   GET    /api/invitations/:token           -> InvitationInfo
 *   POST   /api/invitations/:token/accept    AcceptInvitationRequest -> Me (signs in)
 */

/**
 * "invited": has not set a password yet, so cannot sign in.
 * "deactivated": cannot sign in until reactivated.
 */
export type StaffStatus = "active" | "invited" | "deactivated";

export interface StaffMember {
  id: string;
  name: string;
  email: string;
  role: { id: string; name: string };
  locationIds: string[];
  status: StaffStatus;
  /** When the newest invite link expires; null unless status is "invited". */
  invitationExpiresAt: string | null;
  createdAt: string;
}

export interface NewStaffRequest {
  name: string;
  email: string;
  roleId: string;
  locationIds: string[];
  /**
   * At least 10 characters. Omit it to invite the staff member instead: the
   * response then carries a link where they set their own password.
   */
  password?: string;
}

export interface CreatedStaff {
  staff: StaffMember;
  /** The one-time invite link, shown once; null when a password was set. */
  inviteUrl: string | null;
}

export interface StaffUpdate {
  name?: string;
  roleId?: string;
  locationIds?: string[];
}

export interface PermissionOption {
  key: string;
  label: string;
  description: string;
  /** "Host" for the dashboard's own permissions, else the plugin's name. */
  group: string;
}

export interface Role {
  id: string;
  name: string;
  permissions: string[];
  /** Staff members who hold the role, removed ones not counted. */
  memberCount: number;
}

export interface RoleList {
  roles: Role[];
  /** Permissions a role can grant: the host's and installed plugins'. */
  permissions: PermissionOption[];
}

export interface RoleInput {
  name: string;
  permissions: string[];
}

export interface LocationInput {
  name: string;
}

export interface AuditEntry {
  id: string;
  action: string;
  /** Label of `action` as the audit page shows it. */
  actionLabel: string;
  actor: { staffId: string | null; name: string };
  target: { type: string; id: string; label: string } | null;
  /** Action-specific facts, such as old and new values. */
  details: Record<string, unknown>;
  ip: string | null;
  createdAt: string;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `cursor` to load older entries; null on the last page. */
  nextCursor: string | null;
  /** Every action the log records, for the filter. */
  actions: { key: string; label: string }[];
}

export interface InvitationInfo {
  companyName: string;
  staffName: string;
  email: string;
  expiresAt: string;
}

export interface AcceptInvitationRequest {
  /** At least 10 characters. */
  password: string;
}
