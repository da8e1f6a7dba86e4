import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../context.js";
import { registerConversationRoutes } from "./conversations/conversation-routes.js";
import { registerEventRoutes } from "./events/event-routes.js";
import { registerMessageRoutes } from "./messages/message-routes.js";
import { registerNumberRoutes } from "./numbers/number-routes.js";
import { SMS_INBOX_API_PREFIX } from "./plugin-keys.js";
import { registerSetupRoutes } from "./setup/setup-routes.js";

/** Mounts the inbox's JSON API for the web app under its prefix. */
export async function registerInboxApiRoutes(
  app: FastifyInstance,
  ctx: AppContext,
): Promise<void> {
  await app.register(
    async (scope) => {
      registerSetupRoutes(scope, ctx);
      registerNumberRoutes(scope, ctx);
      registerConversationRoutes(scope, ctx);
      registerMessageRoutes(scope, ctx);
      registerEventRoutes(scope, ctx);
    },
    { prefix: SMS_INBOX_API_PREFIX },
  );
}
