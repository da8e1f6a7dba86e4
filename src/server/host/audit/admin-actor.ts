import type { FastifyRequest } from "fastify";
import { requirePermission } from "../../auth/guard.js";
import { hostPermissions } from "../../auth/permissions.js";
import type { AuditActor } from "./audit-log.js";

/** The manager an admin action runs as, and their company. */
export interface AdminActor extends AuditActor {
  staffId: string;
  companyId: string;
}

/** Returns the signed-in manager, or throws 401/403 like requirePermission. */
export function requireAdminActor(request: FastifyRequest): AdminActor {
  const auth = requirePermission(request, hostPermissions.manageCompany);

  return { staffId: auth.staffId, companyId: auth.companyId, ip: request.ip };
}
