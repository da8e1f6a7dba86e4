import type { Selectable } from "kysely";
import type { AppContext } from "../../context.js";
import { newId, nowIso } from "../../db/ids.js";
import type { RolesTable } from "../../db/schema.js";

export type RoleRow = Selectable<RolesTable>;

/** Creates a role granting `permissions` (keys such as `company.manage`). */
export async function createRole(
  ctx: Pick<AppContext, "db">,
  companyId: string,
  role: { name: string; permissions: readonly string[] },
): Promise<RoleRow> {
  const row = {
    id: newId(),
    company_id: companyId,
    name: role.name.trim(),
    permissions: JSON.stringify([...new Set(role.permissions)]),
    created_at: nowIso(),
  };
  await ctx.db.insertInto("roles").values(row).execute();

  return row;
}
