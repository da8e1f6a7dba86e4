import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { InvitationInfo } from "../../../common/admin-api.js";
import { hashPassword } from "../../auth/passwords.js";
import { requireSameOriginJson } from "../../auth/request-origin.js";
import { deleteSession, SESSION_COOKIE } from "../../auth/session-store.js";
import type { AppContext } from "../../context.js";
import { parseInput } from "../../http/validate.js";
import { signIn } from "../auth/sign-in.js";
import { NewPasswordSchema } from "../setup/schemas.js";
import { inTransaction } from "../transaction.js";
import { recordInvitationAccepted } from "./invitation-audit.js";
import { acceptInvitation, findOpenInvitation } from "./invitation-store.js";

const InvitationParamsSchema = z.object({
  token: z.string().min(1, "Put the invitation token in the URL.").max(200),
});

const AcceptInvitationSchema = z.strictObject({ password: NewPasswordSchema });

/** Mounts the public invitation routes, where the token in the URL is the credential. */
export function registerInvitationRoutes(
  app: FastifyInstance,
  ctx: AppContext,
): void {
  app.get("/api/invitations/:token", async (request) => {
    const { token } = parseInput(InvitationParamsSchema, request.params);

    const invitation = await findOpenInvitation(ctx.db, token);
    const info: InvitationInfo = {
      companyName: invitation.companyName,
      staffName: invitation.staffName,
      email: invitation.email,
      expiresAt: invitation.expiresAt,
    };

    return info;
  });

  app.post("/api/invitations/:token/accept", async (request, reply) => {
    requireSameOriginJson(request, ctx.config.publicUrl);
    const { token } = parseInput(InvitationParamsSchema, request.params);
    const { password } = parseInput(AcceptInvitationSchema, request.body);
    // Fails fast on a bad link before the slow password hash.
    await findOpenInvitation(ctx.db, token);

    const passwordHash = await hashPassword(password);
    const staffId = await inTransaction(ctx.db, async (trx) => {
      const accepted = await acceptInvitation(trx, token, passwordHash);
      await recordInvitationAccepted(trx, accepted, request.ip);

      return accepted;
    });
    // A browser signed in as someone else switches to the invited account.
    const previous = request.cookies[SESSION_COOKIE];
    if (previous) await deleteSession(ctx.db, previous);
    request.log.info({ staffId }, "staff invitation accepted");

    return signIn(ctx, reply, staffId);
  });
}
