import { existsSync } from "node:fs";
import { join } from "node:path";
import fastifyCookie from "@fastify/cookie";
import fastifyFormbody from "@fastify/formbody";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { loadAuth } from "./auth/guard.js";
import type { AppContext } from "./context.js";
import { registerHostRoutes } from "./host/routes.js";
import {
  installErrorHandler,
  MAX_PATH_PARAMETER_LENGTH,
  replyToFrameworkError,
} from "./http/error-handler.js";
import {
  allowedMethods,
  methodNotAllowedBody,
} from "./http/method-not-allowed.js";
import { createClientErrorHandler } from "./http/client-error.js";
import {
  warnAboutHopCount,
  warnAboutUntrustedProxy,
} from "./http/forwarded-warning.js";
import {
  installJsonParser,
  rejectNulInUrls,
  requireJsonApiBodies,
} from "./http/request-body.js";
import { installSecurityHeaders } from "./http/security-headers.js";
import { registerWebAssets, WEB_ASSETS_PREFIX } from "./http/web-assets.js";
import { registerOpsRoutes } from "./ops/ops-routes.js";
import { pluginCatalogue } from "./plugin-catalogue.js";
import { fastifyTrustProxy } from "./trust-proxy.js";

export interface BuildAppOptions {
  /** Folder with the built web app; omitted in API-only tests. */
  webDir?: string;
}

/** Builds the HTTP app without listening, so tests can inject requests. */
export async function buildApp(
  ctx: AppContext,
  options: BuildAppOptions = {},
): Promise<FastifyInstance> {
  const logger: FastifyBaseLogger = ctx.logger;
  const app = Fastify({
    loggerInstance: logger,
    // request.ip and request.protocol read X-Forwarded-For and
    // X-Forwarded-Proto only from these proxies. Webhook signatures are
    // checked against PUBLIC_URL, never against forwarded headers.
    trustProxy: fastifyTrustProxy(ctx.config.trustProxy),
    bodyLimit: 1024 * 1024,
    clientErrorHandler: createClientErrorHandler(logger),
    routerOptions: { maxParamLength: MAX_PATH_PARAMETER_LENGTH },
    frameworkErrors: replyToFrameworkError,
  });

  installErrorHandler(app);
  installSecurityHeaders(app);
  warnAboutUntrustedProxy(app, ctx.config.trustProxy);
  warnAboutHopCount(logger, ctx.config.trustProxy, ctx.config.host);
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody);

  app.decorateRequest("auth", null);
  app.addHook("onRequest", async (request) => {
    if (request.url.startsWith("/api/")) {
      request.auth = await loadAuth(ctx.db, request);
    }
  });
  installJsonParser(app);
  requireJsonApiBodies(app);
  rejectNulInUrls(app);

  registerOpsRoutes(app, ctx);
  await registerHostRoutes(app, ctx, pluginCatalogue);
  for (const plugin of pluginCatalogue) {
    await plugin.registerRoutes(app, ctx);
  }

  const webDir = options.webDir;
  const hasWebApp = webDir && existsSync(join(webDir, "index.html"));
  if (hasWebApp) await registerWebAssets(app, webDir);
  installNotFoundHandler(app, Boolean(hasWebApp));

  return app;
}

/**
 * Client-side routes all load the web app's shell, except a missing hashed
 * file under /assets/, which is a JSON 404. A path that has routes
 * for other methods gets a JSON 405 with an Allow header. Any other miss,
 * and every miss when the web app is not built, is a JSON 404.
 */
function installNotFoundHandler(app: FastifyInstance, hasWebApp: boolean) {
  app.setNotFoundHandler((request, reply) => {
    const isPage =
      hasWebApp &&
      request.method === "GET" &&
      !request.url.startsWith("/api/") &&
      !request.url.startsWith("/v1/") &&
      !request.url.startsWith(WEB_ASSETS_PREFIX);
    if (isPage) return reply.sendFile("index.html");

    const allowed = allowedMethods(app, request);
    if (allowed.length > 0) {
      return reply
        .code(405)
        .header("allow", allowed.join(", "))
        .send(methodNotAllowedBody(request.method, allowed));
    }

    return reply.code(404).send({
      error: { code: "not_found", message: "No such endpoint." },
    });
  });
}
