import type { FastifyInstance } from "fastify";
import type { RoleList } from "../../../common/admin-api.js";
import type { AppContext } from "../../context.js";
import { EmptyBodySchema, parseInput } from "../../http/validate.js";
import { requireAdminActor } from "../audit/admin-actor.js";
import type { PluginManifest } from "../plugins/plugin-manifest.js";
import { loadPluginStates } from "../plugins/plugin-state.js";
import { permissionOptions } from "./permission-options.js";
import { addRole, deleteRole, updateRole } from "./role-admin.js";
import { listRoles } from "./role-store.js";
import { RoleInputSchema, RoleParamsSchema } from "./schemas.js";

export function registerRoleRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  catalogue: readonly PluginManifest[],
): void {
  app.get("/api/roles", async (request) => {
    const actor = requireAdminActor(request);

    const [roles, states] = await Promise.all([
      listRoles(ctx.db, actor.companyId),
      loadPluginStates(ctx.db, actor.companyId),
    ]);
    const installed = new Set(
      [...states].filter(([, state]) => state.installed).map(([id]) => id),
    );
    const list: RoleList = {
      roles,
      permissions: permissionOptions(catalogue, installed),
    };

    return list;
  });

  app.post("/api/roles", async (request, reply) => {
    const actor = requireAdminActor(request);
    const input = parseInput(RoleInputSchema, request.body);

    const role = await addRole(ctx, catalogue, actor, input);

    return reply.code(201).send(role);
  });

  app.put("/api/roles/:roleId", async (request) => {
    const actor = requireAdminActor(request);
    const { roleId } = parseInput(RoleParamsSchema, request.params);
    const input = parseInput(RoleInputSchema, request.body);

    const role = await updateRole(ctx, catalogue, actor, roleId, input);
    request.log.info({ companyId: actor.companyId, roleId }, "role updated");

    return role;
  });

  app.delete("/api/roles/:roleId", async (request, reply) => {
    const actor = requireAdminActor(request);
    const { roleId } = parseInput(RoleParamsSchema, request.params);
    parseInput(EmptyBodySchema, request.body);

    await deleteRole(ctx, catalogue, actor, roleId);

    return reply.code(204).send();
  });
}
