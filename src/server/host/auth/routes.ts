import type { FastifyInstance } from "fastify";
import { readDeviceId, setDeviceCookie } from "../../auth/device-cookie.js";
import { requireAuth } from "../../auth/guard.js";
import { LoginRateLimiter } from "../../auth/login-rate-limiter.js";
import { requireSameOriginJson } from "../../auth/request-origin.js";
import { clearSessionCookie } from "../../auth/session-cookie.js";
import { deleteSession, SESSION_COOKIE } from "../../auth/session-store.js";
import { SignInLimits } from "../../auth/sign-in-limits.js";
import { checkStaffCredentials } from "../../auth/staff-credentials.js";
import type { AppContext } from "../../context.js";
import { errors } from "../../errors.js";
import { EmptyBodySchema, parseInput } from "../../http/validate.js";
import { loadMe } from "./me-loader.js";
import {
  changeOwnPassword,
  MAX_WRONG_CURRENT_PASSWORDS,
  PASSWORD_CHANGE_WINDOW_MS,
  tooManyWrongPasswords,
} from "./password-change.js";
import { presentMe } from "./present-me.js";
import { LoginSchema, PasswordChangeSchema } from "./schemas.js";
import { signIn } from "./sign-in.js";

/** The in-memory counters of failed sign-ins and password changes. */
export interface AuthLimits {
  signIn: SignInLimits;
  /** Wrong current passwords per staff id. */
  passwordChange: LoginRateLimiter;
}

export function createAuthLimits(now: () => number = Date.now): AuthLimits {
  return {
    signIn: new SignInLimits(now),
    passwordChange: new LoginRateLimiter({
      maxFailures: MAX_WRONG_CURRENT_PASSWORDS,
      windowMs: PASSWORD_CHANGE_WINDOW_MS,
      now,
    }),
  };
}

export function registerAuthRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  limits: AuthLimits = createAuthLimits(),
): void {
  app.post("/api/auth/login", async (request, reply) => {
    requireSameOriginJson(request, ctx.config.publicUrl);
    const input = parseInput(LoginSchema, request.body);
    const deviceId = readDeviceId(request, ctx.secretBox, input.email);
    const block = limits.signIn.block(input.email, request.ip, deviceId);
    if (block) {
      reply.header("retry-after", String(block.retryAfterSeconds));
      throw block.error;
    }

    const check = await checkStaffCredentials(
      ctx.db,
      input.email,
      input.password,
    );
    if (check.result === "invalid") {
      limits.signIn.recordFailure(input.email, request.ip, deviceId);
      throw errors.invalidCredentials();
    }

    if (check.result === "inactive") {
      throw errors.forbidden(
        "This staff account is deactivated. Ask a company owner to reactivate it.",
      );
    }

    limits.signIn.recordSuccess(input.email, request.ip);
    setDeviceCookie(reply, ctx.secretBox, ctx.config, input.email);
    request.log.info({ staffId: check.staffId }, "staff member signed in");

    return signIn(ctx, reply, check.staffId);
  });

  app.post("/api/auth/logout", async (request, reply) => {
    requireAuth(request);
    parseInput(EmptyBodySchema, request.body);
    const token = request.cookies[SESSION_COOKIE];
    if (token) await deleteSession(ctx.db, token);

    clearSessionCookie(reply, ctx.config);

    return reply.code(204).send();
  });

  app.get("/api/auth/me", async (request) => {
    const auth = requireAuth(request);

    return presentMe(await loadMe(ctx.db, auth.staffId, auth.csrfToken));
  });

  app.post("/api/auth/password", async (request, reply) => {
    const auth = requireAuth(request);
    const input = parseInput(PasswordChangeSchema, request.body);
    const retryAfter = limits.passwordChange.retryAfterSeconds(auth.staffId);
    if (retryAfter > 0) {
      reply.header("retry-after", String(retryAfter));
      throw tooManyWrongPasswords(retryAfter);
    }

    await changeOwnPassword(ctx.db, limits.passwordChange, input, {
      staffId: auth.staffId,
      companyId: auth.companyId,
      // requireAuth found a session, so the request carries its cookie.
      sessionToken: request.cookies[SESSION_COOKIE] ?? "",
      ip: request.ip,
    });
    request.log.info(
      { staffId: auth.staffId },
      "staff member changed their password",
    );

    return reply.code(204).send();
  });
}
