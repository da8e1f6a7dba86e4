import { timingSafeEqual } from "node:crypto";
import type { FastifyRequest } from "fastify";
import type { Db } from "../db/database.js";
import { errors } from "../errors.js";
import { hostPermissionLabel } from "./permissions.js";
import { findSession, SESSION_COOKIE } from "./session-store.js";

/** The signed-in staff member, loaded fresh on every request. */
export interface AuthContext {
  staffId: string;
  companyId: string;
  permissions: ReadonlySet<string>;
  /** Locations the staff member works at. */
  locationIds: readonly string[];
  csrfToken: string;
}

declare module "fastify" {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Loads the session named by the cookie. Permissions and locations are read
 * on every request, so a role change takes effect on the next one.
 */
export async function loadAuth(
  db: Db,
  request: FastifyRequest,
): Promise<AuthContext | null> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return null;

  const session = await findSession(db, token);
  if (!session) return null;

  const [role, locations] = await Promise.all([
    db
      .selectFrom("roles")
      .select("permissions")
      .where("id", "=", session.roleId)
      .where("company_id", "=", session.companyId)
      .executeTakeFirst(),
    db
      .selectFrom("staff_locations")
      .select("location_id")
      .where("staff_id", "=", session.staffId)
      .execute(),
  ]);

  return {
    staffId: session.staffId,
    companyId: session.companyId,
    permissions: new Set(parsePermissions(role?.permissions)),
    locationIds: locations.map((row) => row.location_id),
    csrfToken: session.csrfToken,
  };
}

/** Reads a role's JSON permission list, ignoring anything but strings. */
export function parsePermissions(json: string | undefined): string[] {
  if (!json) return [];

  const value: unknown = JSON.parse(json);

  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === "string")
    : [];
}

/**
 * Returns the signed-in staff member or throws 401. State-changing requests
 * must also carry the session's CSRF token in `X-CSRF-Token`.
 */
export function requireAuth(request: FastifyRequest): AuthContext {
  const auth = request.auth;
  if (!auth) throw errors.unauthenticated();

  if (!SAFE_METHODS.has(request.method)) {
    const header = request.headers["x-csrf-token"];
    if (typeof header !== "string" || !tokensMatch(header, auth.csrfToken)) {
      throw errors.csrf();
    }
  }

  return auth;
}

/** Returns the signed-in staff member, or throws 403 without the host permission. */
export function requirePermission(
  request: FastifyRequest,
  permission: string,
): AuthContext {
  const auth = requireAuth(request);
  if (!auth.permissions.has(permission)) {
    throw errors.missingPermission(hostPermissionLabel(permission));
  }

  return auth;
}

function tokensMatch(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);

  return a.length === b.length && timingSafeEqual(a, b);
}
