import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type {
  SetWebhooksResult,
  WebhookAlerts,
} from "../../../../common/webhook-health-api.js";
import type { AppContext } from "../../../context.js";
import { isAppError } from "../../../errors.js";
import { actorOf } from "../../../host/audit/audit-log.js";
import { EmptyBodySchema, parseInput } from "../../../http/validate.js";
import { requireInboxAccess } from "../access/inbox-access.js";
import { checkWebhookHealth } from "../webhook-health/health-check.js";
import { rotateCompanyWebhookToken } from "../webhook-health/token-rotation.js";
import { setServiceWebhook } from "../webhook-health/service-webhook-setter.js";
import { loadInboxWebhookAlerts } from "../webhook-health/webhook-alerts.js";
import { setNumberWebhook } from "../webhook-health/webhook-setter.js";
import { loadInboxSetup } from "./setup-loader.js";

/** Longest SmsUrl Twilio stores is far below this; it bounds the input. */
const MAX_URL_LENGTH = 2048;

/** Numbers one "set webhook on all" request may name. */
const MAX_NUMBERS_PER_REQUEST = 100;

const expectedSmsUrlSchema = z
  .string()
  .max(MAX_URL_LENGTH, `The URL has at most ${MAX_URL_LENGTH} characters.`);

const SetWebhookSchema = z.strictObject({
  expectedSmsUrl: expectedSmsUrlSchema,
});

const SetWebhooksSchema = z.strictObject({
  numbers: z
    .array(
      z.strictObject({
        numberId: z.string().min(1),
        expectedSmsUrl: expectedSmsUrlSchema,
      }),
    )
    .min(1, "Name at least one number.")
    .max(
      MAX_NUMBERS_PER_REQUEST,
      `Set the webhook on at most ${MAX_NUMBERS_PER_REQUEST} numbers at once.`,
    ),
});

const NumberParamsSchema = z.object({ numberId: z.string().min(1) });

const ServiceParamsSchema = z.object({
  serviceSid: z
    .string()
    .regex(/^MG[0-9a-fA-F]{32}$/, "Use a Messaging Service SID (MG…)."),
});

const SetServiceWebhookSchema = z.strictObject({
  expectedInboundRequestUrl: expectedSmsUrlSchema,
});

/**
 * Mounts the webhook health check, "Set webhook", token rotation and the
 * inbox's webhook alerts. All need the Manage company permission.
 */
export function registerWebhookHealthRoutes(
  app: FastifyInstance,
  ctx: AppContext,
): void {
  app.get("/setup/webhook-health", async (request) => {
    const auth = await requireInboxAccess(ctx, request, "manage");

    return checkWebhookHealth(ctx, auth.companyId);
  });

  app.post("/setup/numbers/:numberId/webhook", async (request) => {
    const auth = await requireInboxAccess(ctx, request, "manage");
    const { numberId } = parseInput(NumberParamsSchema, request.params);
    const { expectedSmsUrl } = parseInput(SetWebhookSchema, request.body);

    return setNumberWebhook(ctx, {
      companyId: auth.companyId,
      actor: actorOf(request, auth.staffId),
      numberId,
      expectedSmsUrl,
    });
  });

  app.post("/setup/messaging-services/:serviceSid/webhook", async (request) => {
    const auth = await requireInboxAccess(ctx, request, "manage");
    const { serviceSid } = parseInput(ServiceParamsSchema, request.params);
    const body = parseInput(SetServiceWebhookSchema, request.body);

    return setServiceWebhook(ctx, {
      companyId: auth.companyId,
      actor: actorOf(request, auth.staffId),
      serviceSid,
      expectedInboundRequestUrl: body.expectedInboundRequestUrl,
    });
  });

  app.post("/setup/webhooks", async (request): Promise<SetWebhooksResult> => {
    const auth = await requireInboxAccess(ctx, request, "manage");
    const input = parseInput(SetWebhooksSchema, request.body);
    const results: SetWebhooksResult["results"] = [];
    // One at a time, so each number is re-read right before its update.
    for (const entry of input.numbers) {
      try {
        const health = await setNumberWebhook(ctx, {
          companyId: auth.companyId,
          actor: actorOf(request, auth.staffId),
          numberId: entry.numberId,
          expectedSmsUrl: entry.expectedSmsUrl,
        });
        results.push({ numberId: entry.numberId, health, error: null });
      } catch (error) {
        if (!isAppError(error)) throw error;

        results.push({
          numberId: entry.numberId,
          health: null,
          error: { code: error.code, message: error.message },
        });
      }
    }

    return { results };
  });

  app.post("/setup/webhook-token/rotate", async (request) => {
    const auth = await requireInboxAccess(ctx, request, "manage");
    parseInput(EmptyBodySchema, request.body);
    await rotateCompanyWebhookToken(
      ctx,
      auth.companyId,
      actorOf(request, auth.staffId),
    );

    return loadInboxSetup(ctx, auth.companyId);
  });

  app.get("/webhook-alerts", async (request): Promise<WebhookAlerts> => {
    const auth = await requireInboxAccess(ctx, request, "manage");

    return loadInboxWebhookAlerts(ctx, auth.companyId);
  });
}
