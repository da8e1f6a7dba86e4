import type { FastifyInstance, FastifyRequest } from "fastify";
import { requireAuth } from "../../auth/guard.js";
import type { LoginRateLimiter } from "../../auth/login-rate-limiter.js";
import { requireSameOriginJson } from "../../auth/request-origin.js";
import { clearSessionCookie } from "../../auth/session-cookie.js";
import { deleteSession, SESSION_COOKIE } from "../../auth/session-store.js";
import { checkStaffCredentials } from "../../auth/staff-credentials.js";
import type { AppContext } from "../../context.js";
import { errors } from "../../errors.js";
import { parseInput } from "../../http/validate.js";
import { loadMe } from "./me-loader.js";
import { presentMe } from "./present-me.js";
import { LoginSchema } from "./schemas.js";
import { signIn } from "./sign-in.js";

export function registerAuthRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  limiter: LoginRateLimiter,
): void {
  app.post("/api/auth/login", async (request, reply) => {
    requireSameOriginJson(request, ctx.config.publicUrl);
    const input = parseInput(LoginSchema, request.body);
    const key = rateLimitKey(request, input.email);
    const retryAfter = limiter.retryAfterSeconds(key);
    if (retryAfter > 0) {
      reply.header("retry-after", String(retryAfter));
      throw errors.tooManyLoginAttempts(retryAfter);
    }

    const check = await checkStaffCredentials(
      ctx.db,
      input.email,
      input.password,
    );
    if (check.result === "invalid") {
      limiter.recordFailure(key);
      throw errors.invalidCredentials();
    }

    if (check.result === "inactive") {
      throw errors.forbidden(
        "This staff account is deactivated. Ask a company owner to reactivate it.",
      );
    }

    limiter.reset(key);
    request.log.info({ staffId: check.staffId }, "staff member signed in");

    return signIn(ctx, reply, check.staffId);
  });

  app.post("/api/auth/logout", async (request, reply) => {
    requireAuth(request);
    const token = request.cookies[SESSION_COOKIE];
    if (token) await deleteSession(ctx.db, token);

    clearSessionCookie(reply, ctx.config);

    return reply.code(204).send();
  });

  app.get("/api/auth/me", async (request) => {
    const auth = requireAuth(request);

    return presentMe(await loadMe(ctx.db, auth.staffId, auth.csrfToken));
  });
}

function rateLimitKey(request: FastifyRequest, email: string): string {
  return `${email}\n${request.ip}`;
}
