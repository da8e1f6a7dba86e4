import type {
  AcceptInvitationRequest,
  AuditPage,
  CreatedStaff,
  InvitationInfo,
  LocationInput,
  NewStaffRequest,
  Role,
  RoleInput,
  RoleList,
  StaffMember,
  StaffUpdate,
} from "../../common/admin-api";
import type { Location, Me } from "../../common/api";
import { query, request } from "./client";

const staffPath = (staffId: string) =>
  `/api/staff/${encodeURIComponent(staffId)}`;
const rolePath = (roleId: string) => `/api/roles/${encodeURIComponent(roleId)}`;
const locationPath = (locationId: string) =>
  `/api/locations/${encodeURIComponent(locationId)}`;
const invitationPath = (token: string) =>
  `/api/invitations/${encodeURIComponent(token)}`;

export const staffApi = {
  list: () => request<{ staff: StaffMember[] }>("GET", "/api/staff"),
  create: (body: NewStaffRequest) =>
    request<CreatedStaff>("POST", "/api/staff", body),
  update: (staffId: string, body: StaffUpdate) =>
    request<StaffMember>("PATCH", staffPath(staffId), body),
  deactivate: (staffId: string) =>
    request<StaffMember>("POST", `${staffPath(staffId)}/deactivate`),
  reactivate: (staffId: string) =>
    request<StaffMember>("POST", `${staffPath(staffId)}/reactivate`),
  newInviteLink: (staffId: string) =>
    request<CreatedStaff>("POST", `${staffPath(staffId)}/invitation`),
  remove: (staffId: string) => request<void>("DELETE", staffPath(staffId)),
};

export const rolesApi = {
  list: () => request<RoleList>("GET", "/api/roles"),
  create: (body: RoleInput) => request<Role>("POST", "/api/roles", body),
  update: (roleId: string, body: RoleInput) =>
    request<Role>("PUT", rolePath(roleId), body),
  remove: (roleId: string) => request<void>("DELETE", rolePath(roleId)),
};

export const locationsApi = {
  create: (body: LocationInput) =>
    request<Location>("POST", "/api/locations", body),
  rename: (locationId: string, body: LocationInput) =>
    request<Location>("PUT", locationPath(locationId), body),
  remove: (locationId: string) =>
    request<void>("DELETE", locationPath(locationId)),
};

export const auditApi = {
  page: (params: { action?: string | null; cursor?: string | null }) =>
    request<AuditPage>("GET", `/api/audit${query(params)}`),
};

export const invitationsApi = {
  get: (token: string) => request<InvitationInfo>("GET", invitationPath(token)),
  accept: (token: string, body: AcceptInvitationRequest) =>
    request<Me>("POST", `${invitationPath(token)}/accept`, body),
};
