import { existsSync } from "node:fs";
import { join } from "node:path";
import fastifyCookie from "@fastify/cookie";
import fastifyFormbody from "@fastify/formbody";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { loadAuth } from "./auth/guard.js";
import type { AppContext } from "./context.js";
import { registerHostRoutes } from "./host/routes.js";
import { installErrorHandler } from "./http/error-handler.js";
import { createClientErrorHandler } from "./http/client-error.js";
import {
  installJsonParser,
  rejectNulInUrls,
  requireJsonApiBodies,
} from "./http/request-body.js";
import { installSecurityHeaders } from "./http/security-headers.js";
import { registerOpsRoutes } from "./ops/ops-routes.js";
import { pluginCatalogue } from "./plugin-catalogue.js";

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
    // Twilio signs the URL it called; the proxy's Host header is not trusted.
    trustProxy: false,
    bodyLimit: 1024 * 1024,
    clientErrorHandler: createClientErrorHandler(logger),
  });

  installErrorHandler(app);
  installSecurityHeaders(app);
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
  if (hasWebApp) {
    await app.register(fastifyStatic, { root: webDir, wildcard: false });
  }
  installNotFoundHandler(app, Boolean(hasWebApp));

  return app;
}

/**
 * Client-side routes all load the web app's shell; any other miss, and
 * every miss when the web app is not built, is a JSON 404.
 */
function installNotFoundHandler(app: FastifyInstance, hasWebApp: boolean) {
  app.setNotFoundHandler((request, reply) => {
    const isPage =
      hasWebApp &&
      request.method === "GET" &&
      !request.url.startsWith("/api/") &&
      !request.url.startsWith("/v1/");
    if (isPage) return reply.sendFile("index.html");

    return reply.code(404).send({
      error: { code: "not_found", message: "No such endpoint." },
    });
  });
}
