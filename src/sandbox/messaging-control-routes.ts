import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "./context.js";
import { ControlError, e164Schema, parseWith } from "./control-schemas.js";
import { presentMessagingService } from "./messaging-presenters.js";
import { presentNumber } from "./presenters.js";
import type { SandboxState } from "./state.js";
import type { SandboxMessagingService, SandboxNumber } from "./state-types.js";

const accountSidSchema = z
  .string()
  .regex(/^AC[0-9a-fA-F]{32}$/, "must be AC and 32 hex digits");
const serviceSidSchema = z
  .string()
  .regex(/^MG[0-9a-fA-F]{32}$/, "must be MG and 32 hex digits");

/** The settings of a new Messaging Service, for the control API and seeds. */
export const newMessagingServiceSchema = z.object({
  sid: serviceSidSchema.optional(),
  friendlyName: z.string().min(1).max(64),
  inboundRequestUrl: z
    .url({ protocol: /^https?$/ })
    .nullable()
    .optional(),
  inboundMethod: z.enum(["GET", "POST"]).optional(),
  useInboundWebhookOnNumber: z.boolean().optional(),
  /** Numbers of the account to put in the service's sender pool. */
  phoneNumbers: z.array(e164Schema).default([]),
});

const accountParamsSchema = z.object({ accountSid: accountSidSchema });
const serviceParamsSchema = accountParamsSchema.extend({
  serviceSid: serviceSidSchema,
});
const poolEntrySchema = z.object({ phoneNumber: e164Schema });

/**
 * Registers the control routes that create Messaging Services and move
 * numbers into their sender pools. A number belongs to one service at a
 * time, as on Twilio, so adding it to a service removes it from another.
 */
export function registerMessagingControlRoutes(
  app: FastifyInstance,
  ctx: SandboxContext,
) {
  const { state } = ctx;

  app.post(
    "/accounts/:accountSid/messaging-services",
    async (request, reply) => {
      const { accountSid } = parseWith(accountParamsSchema, request.params);
      requireAccount(state, accountSid);
      const input = parseWith(newMessagingServiceSchema, request.body);
      const service = createMessagingService(state, accountSid, input);

      return reply
        .code(201)
        .send(presentMessagingService(service, requestOrigin(request)));
    },
  );

  app.post(
    "/accounts/:accountSid/messaging-services/:serviceSid/numbers",
    async (request) => {
      const params = parseWith(serviceParamsSchema, request.params);
      requireAccount(state, params.accountSid);
      const service = state.findMessagingService(
        params.accountSid,
        params.serviceSid,
      );
      if (!service) {
        throw new ControlError(
          404,
          `No Messaging Service ${params.serviceSid} on ${params.accountSid}.`,
        );
      }
      const { phoneNumber } = parseWith(poolEntrySchema, request.body);

      return presentNumber(addToSenderPool(state, service, phoneNumber));
    },
  );
}

/** Creates a service and puts the listed numbers in its sender pool. */
export function createMessagingService(
  state: SandboxState,
  accountSid: string,
  input: z.output<typeof newMessagingServiceSchema>,
): SandboxMessagingService {
  // Checks every number first, so a bad request creates nothing.
  const numbers = input.phoneNumbers.map((phoneNumber) =>
    requireNumber(state, accountSid, phoneNumber),
  );
  const service = state.createMessagingService(accountSid, input);
  for (const number of numbers) number.messagingServiceSid = service.sid;

  return service;
}

function addToSenderPool(
  state: SandboxState,
  service: SandboxMessagingService,
  phoneNumber: string,
): SandboxNumber {
  const number = requireNumber(state, service.accountSid, phoneNumber);
  number.messagingServiceSid = service.sid;
  number.dateUpdated = new Date();

  return number;
}

function requireNumber(
  state: SandboxState,
  accountSid: string,
  phoneNumber: string,
): SandboxNumber {
  const number = state
    .numbersOf(accountSid)
    .find((candidate) => candidate.phoneNumber === phoneNumber);
  if (!number) {
    throw new ControlError(
      404,
      `Account ${accountSid} has no number ${phoneNumber}. Add it with POST /sandbox/api/accounts/${accountSid}/numbers.`,
    );
  }

  return number;
}

function requireAccount(state: SandboxState, accountSid: string): void {
  if (state.accounts.has(accountSid)) return;

  throw new ControlError(
    404,
    `No sandbox account ${accountSid}. Create it with POST /sandbox/api/accounts.`,
  );
}

function requestOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}
