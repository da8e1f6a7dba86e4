import type { FastifyInstance } from "fastify";
import type { SandboxContext } from "./context.js";
import { presentAccount } from "./presenters.js";
import { accountFromParams } from "./twilio-params.js";

export function registerAccountRoutes(
  app: FastifyInstance,
  ctx: SandboxContext,
) {
  app.get("/Accounts/:Sid.json", async (request) => {
    const account = accountFromParams(ctx.state, request.params);

    return presentAccount(account);
  });
}
