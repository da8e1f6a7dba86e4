import type { FastifyInstance, FastifyRequest } from "fastify";
import type { CreatedStaff } from "../../../common/admin-api.js";
import type { AppContext } from "../../context.js";
import { EmptyBodySchema, parseInput } from "../../http/validate.js";
import { requireAdminActor } from "../audit/admin-actor.js";
import {
  addStaffMember,
  deactivateStaffMember,
  reactivateStaffMember,
  reinviteStaffMember,
  removeStaffMember,
  updateStaffMember,
  type AddedStaff,
} from "./staff-admin.js";
import { listStaff, presentStaffMember } from "./staff-store.js";
import {
  NewStaffSchema,
  StaffParamsSchema,
  StaffUpdateSchema,
} from "./schemas.js";

function presentAdded(added: AddedStaff): CreatedStaff {
  return {
    staff: presentStaffMember(added.record),
    inviteUrl: added.inviteUrl,
  };
}

export function registerStaffRoutes(
  app: FastifyInstance,
  ctx: AppContext,
): void {
  const staffIdOf = (request: FastifyRequest) =>
    parseInput(StaffParamsSchema, request.params).staffId;

  app.get("/api/staff", async (request) => {
    const actor = requireAdminActor(request);

    const records = await listStaff(ctx.db, actor.companyId);

    return { staff: records.map(presentStaffMember) };
  });

  app.post("/api/staff", async (request, reply) => {
    const actor = requireAdminActor(request);
    const input = parseInput(NewStaffSchema, request.body);

    const added = await addStaffMember(ctx, actor, input);
    request.log.info(
      { companyId: actor.companyId, staffId: added.record.id },
      added.inviteUrl ? "staff member invited" : "staff member added",
    );

    return reply.code(201).send(presentAdded(added));
  });

  app.patch("/api/staff/:staffId", async (request) => {
    const actor = requireAdminActor(request);
    const staffId = staffIdOf(request);
    const update = parseInput(StaffUpdateSchema, request.body);

    const record = await updateStaffMember(ctx, actor, staffId, update);

    return presentStaffMember(record);
  });

  app.post("/api/staff/:staffId/deactivate", async (request) => {
    const actor = requireAdminActor(request);
    const staffId = staffIdOf(request);
    parseInput(EmptyBodySchema, request.body);

    const record = await deactivateStaffMember(ctx, actor, staffId);
    request.log.info(
      { companyId: actor.companyId, staffId },
      "staff member deactivated",
    );

    return presentStaffMember(record);
  });

  app.post("/api/staff/:staffId/reactivate", async (request) => {
    const actor = requireAdminActor(request);
    const staffId = staffIdOf(request);
    parseInput(EmptyBodySchema, request.body);

    const record = await reactivateStaffMember(ctx, actor, staffId);

    return presentStaffMember(record);
  });

  app.post("/api/staff/:staffId/invitation", async (request) => {
    const actor = requireAdminActor(request);
    const staffId = staffIdOf(request);
    parseInput(EmptyBodySchema, request.body);

    return presentAdded(await reinviteStaffMember(ctx, actor, staffId));
  });

  app.delete("/api/staff/:staffId", async (request, reply) => {
    const actor = requireAdminActor(request);
    const staffId = staffIdOf(request);
    parseInput(EmptyBodySchema, request.body);

    await removeStaffMember(ctx, actor, staffId);
    request.log.info(
      { companyId: actor.companyId, staffId },
      "staff member removed",
    );

    return reply.code(204).send();
  });
}
