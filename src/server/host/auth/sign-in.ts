import type { FastifyReply } from "fastify";
import type { Me } from "../../../common/api.js";
import { setSessionCookie } from "../../auth/session-cookie.js";
import { createSession } from "../../auth/session-store.js";
import type { AppContext } from "../../context.js";
import { loadMe } from "./me-loader.js";
import { presentMe } from "./present-me.js";

/** Starts a session for a staff member, sets its cookie and returns Me. */
export async function signIn(
  ctx: AppContext,
  reply: FastifyReply,
  staffId: string,
): Promise<Me> {
  const session = await createSession(ctx.db, staffId, ctx.config.sessionTtlMs);
  setSessionCookie(reply, ctx.config, session);

  return presentMe(await loadMe(ctx.db, staffId, session.csrfToken));
}
