import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "./context.js";
import { ControlError, e164Schema, parseWith } from "./control-schemas.js";
import { presentMessage, presentNumber } from "./presenters.js";
import type { SandboxState } from "./state.js";

const accountSidSchema = z
  .string()
  .regex(/^AC[0-9a-fA-F]{32}$/, "must be AC and 32 hex digits");
const httpUrlSchema = z.url({ protocol: /^https?$/ });

const newAccountSchema = z.object({
  friendlyName: z.string().min(1).max(64).optional(),
  accountSid: accountSidSchema.optional(),
  authToken: z.string().min(8).optional(),
});

const newNumberSchema = z.object({
  phoneNumber: e164Schema,
  friendlyName: z.string().min(1).max(64).optional(),
  capabilities: z
    .object({
      sms: z.boolean(),
      mms: z.boolean(),
      voice: z.boolean(),
      fax: z.boolean(),
    })
    .partial()
    .optional(),
  smsUrl: httpUrlSchema.optional(),
  smsMethod: z.enum(["GET", "POST"]).optional(),
  messagingServiceSid: z
    .string()
    .regex(/^MG[0-9a-fA-F]{32}$/)
    .optional(),
});

const authTokenSchema = z.strictObject({
  authToken: z.string().min(8).optional(),
});

const optOutsSchema = z.object({ phoneNumbers: z.array(e164Schema) });

const faultsSchema = z.object({
  createMessage: z
    .union([
      z.strictObject({
        count: z.int().min(0),
        fault: z.literal("error").optional(),
        status: z.union([z.literal(429), z.literal(500)]),
      }),
      z.strictObject({
        count: z.int().min(0),
        fault: z.literal("hang"),
        // Without a delay the request never gets a response.
        delayMs: z.int().min(0).max(600_000).nullable().default(null),
      }),
      z.strictObject({ count: z.int().min(0), fault: z.literal("reset") }),
    ])
    .nullable()
    .optional(),
  undelivered: z
    .object({
      count: z.int().min(0),
      errorCode: z.int().min(30001).max(30999).default(30003),
    })
    .nullable()
    .optional(),
});

const messagesQuerySchema = z.object({
  accountSid: accountSidSchema.optional(),
  direction: z.enum(["inbound", "outbound"]).optional(),
});

const accountParamsSchema = z.object({ accountSid: accountSidSchema });

export function registerControlRoutes(
  app: FastifyInstance,
  ctx: SandboxContext,
) {
  const { state } = ctx;

  app.post("/accounts", async (request, reply) => {
    const input = parseWith(newAccountSchema, request.body);
    const account = state.createAccount({ ...input, sid: input.accountSid });

    return reply.code(201).send({
      accountSid: account.sid,
      authToken: account.authToken,
      friendlyName: account.friendlyName,
    });
  });

  app.get("/accounts", async () => ({
    accounts: [...state.accounts.values()].map((account) => ({
      accountSid: account.sid,
      friendlyName: account.friendlyName,
    })),
  }));

  app.post("/accounts/:accountSid/numbers", async (request, reply) => {
    const accountSid = requireAccount(state, request.params);
    const input = parseWith(newNumberSchema, request.body);

    return reply
      .code(201)
      .send(presentNumber(state.addNumber(accountSid, input)));
  });

  // Gives the account a new auth token, as rotating it in Twilio's console
  // does: requests signed or authenticated with the old one fail from now.
  app.put("/accounts/:accountSid/auth-token", async (request) => {
    const accountSid = requireAccount(state, request.params);
    const { authToken } = parseWith(authTokenSchema, request.body ?? {});
    const account = state.replaceAuthToken(accountSid, authToken);

    return { accountSid: account.sid, authToken: account.authToken };
  });

  app.get("/accounts/:accountSid/opt-outs", async (request) =>
    presentOptOuts(state, requireAccount(state, request.params)),
  );

  // Replaces only the account-wide list, which blocks every sender.
  app.put("/accounts/:accountSid/opt-outs", async (request) => {
    const accountSid = requireAccount(state, request.params);
    const { phoneNumbers } = parseWith(optOutsSchema, request.body);
    state.setOptOuts(accountSid, phoneNumbers);

    return presentOptOuts(state, accountSid);
  });

  app.get("/messages", async (request) => {
    const { accountSid, direction } = parseWith(
      messagesQuerySchema,
      request.query,
    );
    const messages = state.messages.filter(
      (message) =>
        (accountSid === undefined || message.accountSid === accountSid) &&
        (direction === undefined ||
          (direction === "inbound") === (message.direction === "inbound")),
    );

    return { messages: messages.map(presentMessage) };
  });

  app.get("/faults", async () => state.faults.current());

  app.put("/faults", async (request) => {
    state.faults.update(parseWith(faultsSchema, request.body));

    return state.faults.current();
  });

  app.get("/faults/create-hold", async () => state.faults.createHold());

  app.put("/faults/create-hold", async () => {
    state.faults.holdCreates();

    return state.faults.createHold();
  });

  app.delete("/faults/create-hold", async () => {
    state.faults.releaseCreates();

    return state.faults.createHold();
  });

  app.delete("/faults", async () => {
    state.faults.clear();

    return state.faults.current();
  });
}

/**
 * Presents the account's opt-outs: `phoneNumbers` is the account-wide list,
 * and `senderOptOuts` lists the customers who texted STOP per scope, a
 * Messaging Service SID or a number outside any service.
 */
function presentOptOuts(state: SandboxState, accountSid: string) {
  return {
    phoneNumbers: state.optOutsOf(accountSid),
    senderOptOuts: state.senderOptOutsOf(accountSid),
  };
}

function requireAccount(state: SandboxState, params: unknown): string {
  const { accountSid } = parseWith(accountParamsSchema, params);
  if (!state.accounts.has(accountSid)) {
    throw new ControlError(
      404,
      `No sandbox account ${accountSid}. Create it with POST /sandbox/api/accounts.`,
    );
  }

  return accountSid;
}
