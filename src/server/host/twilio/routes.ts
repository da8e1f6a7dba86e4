import type { FastifyInstance } from "fastify";
import { requirePermission } from "../../auth/guard.js";
import { hostPermissions } from "../../auth/permissions.js";
import type { AppContext } from "../../context.js";
import { actorOf } from "../audit/audit-log.js";
import { EmptyBodySchema, parseInput } from "../../http/validate.js";
import { findTwilioConnection } from "../twilio-connection-store.js";
import { testTwilioConnection } from "./connection-tester.js";
import { loadCredentialsRejectedAt } from "./credential-findings.js";
import { presentTwilioConnection } from "./present-twilio-connection.js";
import { TwilioConnectionUpdateSchema } from "./schemas.js";
import { updateTwilioConnection } from "./twilio-connection-updater.js";

export function registerTwilioConnectionRoutes(
  app: FastifyInstance,
  ctx: AppContext,
): void {
  app.get("/api/company/twilio", async (request) => {
    const auth = requirePermission(request, hostPermissions.manageCompany);

    const connection = await findTwilioConnection(ctx, auth.companyId);
    const rejectedAt = connection
      ? await loadCredentialsRejectedAt(ctx, auth.companyId)
      : null;

    return presentTwilioConnection(connection, rejectedAt);
  });

  app.put("/api/company/twilio", async (request) => {
    const auth = requirePermission(request, hostPermissions.manageCompany);
    const input = parseInput(TwilioConnectionUpdateSchema, request.body);

    const { saved, notices } = await updateTwilioConnection(
      ctx,
      auth.companyId,
      input,
      request.log,
      actorOf(request, auth.staffId),
    );
    request.log.info(
      { companyId: auth.companyId, accountSid: saved.accountSid },
      "twilio connection saved",
    );

    // Twilio accepted the saved credentials just now, so no earlier
    // rejection applies to them.
    return { ...presentTwilioConnection(saved, null), notices };
  });

  app.post("/api/company/twilio/test", async (request) => {
    const auth = requirePermission(request, hostPermissions.manageCompany);
    parseInput(EmptyBodySchema, request.body);

    return testTwilioConnection(ctx, auth.companyId, request.log);
  });
}
