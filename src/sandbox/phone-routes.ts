import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { SandboxContext } from "./context.js";
import { ControlError, e164Schema, parseWith } from "./control-schemas.js";
import { receiveInbound } from "./inbound.js";
import { decodeMediaFile, hostedMediaSchema } from "./inbound-media.js";
import type { SandboxMessage } from "./state-types.js";

const inboundSchema = z.object({
  accountSid: z
    .string()
    .regex(/^AC[0-9a-fA-F]{32}$/)
    .optional(),
  from: e164Schema,
  to: e164Schema,
  body: z.string().max(1600),
  mediaUrls: z
    .array(z.url({ protocol: /^https?$/ }))
    .max(10)
    .default([]),
  /** Files the sandbox hosts as Twilio media, on this server's origin. */
  media: z.array(hostedMediaSchema).max(10).default([]),
});

const threadParamsSchema = z.object({ phoneNumber: e164Schema });
const threadQuerySchema = z.object({ with: e164Schema.optional() });

/**
 * Registers the virtual phone's routes: the business numbers to pick from,
 * texts from a handset, and the messages each handset sent and received.
 */
export function registerPhoneRoutes(app: FastifyInstance, ctx: SandboxContext) {
  const { state } = ctx;

  app.get("/numbers", async () => ({
    numbers: state.numbers.map((number) => ({
      sid: number.sid,
      accountSid: number.accountSid,
      phoneNumber: number.phoneNumber,
      friendlyName: number.friendlyName,
      smsUrl: number.smsUrl,
    })),
  }));

  app.post("/inbound", async (request) => {
    const input = parseWith(inboundSchema, request.body);
    const mediaCount = input.mediaUrls.length + input.media.length;
    if (input.body === "" && mediaCount === 0) {
      throw new ControlError(
        400,
        "Invalid request: write a body or add a media URL.",
      );
    }

    if (mediaCount > 10) {
      throw new ControlError(
        400,
        "Invalid request: a message has at most 10 media items in all.",
      );
    }

    const number = state
      .numbersByPhone(input.to)
      .find(
        (candidate) =>
          input.accountSid === undefined ||
          candidate.accountSid === input.accountSid,
      );
    if (!number?.capabilities.sms) {
      throw new ControlError(
        404,
        `No SMS-capable sandbox number ${input.to}. Add one with ` +
          "POST /sandbox/api/accounts/{accountSid}/numbers.",
      );
    }

    return receiveInbound(ctx, number, {
      from: input.from,
      body: input.body,
      mediaUrls: input.mediaUrls,
      hosted: {
        files: input.media.map(decodeMediaFile),
        origin: `${request.protocol}://${request.host}`,
      },
    });
  });

  app.get("/phones", async () => {
    const phones = new Set<string>();
    for (const accountSid of state.accounts.keys()) {
      for (const phone of state.handsetsOf(accountSid)) phones.add(phone);
    }

    return { phoneNumbers: [...phones] };
  });

  app.get("/phones/:phoneNumber/messages", async (request) => {
    const { phoneNumber } = parseWith(threadParamsSchema, request.params);
    const { with: businessNumber } = parseWith(
      threadQuerySchema,
      request.query,
    );
    const thread = state.messages.filter((message) => {
      const handset =
        message.direction === "inbound" ? message.from : message.to;
      const business =
        message.direction === "inbound" ? message.to : message.from;

      return (
        handset === phoneNumber &&
        (businessNumber === undefined || business === businessNumber)
      );
    });

    return { messages: thread.map(presentThreadMessage) };
  });
}

/** Presents a message from the handset's side: sent by it or received. */
function presentThreadMessage(message: SandboxMessage) {
  return {
    sid: message.sid,
    sentByHandset: message.direction === "inbound",
    from: message.from,
    to: message.to,
    body: message.body,
    mediaUrls: message.mediaUrls,
    status: message.status,
    dateCreated: message.dateCreated.toISOString(),
  };
}
