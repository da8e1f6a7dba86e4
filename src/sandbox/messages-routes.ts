import type { FastifyInstance } from "fastify";
import type { SandboxContext } from "./context.js";
import { twilioErrors } from "./errors.js";
import { firstValue, toFormFields, type FormFields } from "./form-body.js";
import { validateCreateMessage } from "./message-validation.js";
import { buildMessage } from "./new-message.js";
import { buildPage, readPageRequest } from "./paging.js";
import { presentMessage } from "./presenters.js";
import type { SandboxMessage } from "./state-types.js";
import {
  accountFromParams,
  requestPath,
  stringParam,
} from "./twilio-params.js";

const messagesPath = "/Accounts/:AccountSid/Messages";

export function registerMessageRoutes(
  app: FastifyInstance,
  ctx: SandboxContext,
) {
  app.post(`${messagesPath}.json`, async (request, reply) => {
    const account = accountFromParams(ctx.state, request.params);
    await ctx.state.faults.waitForCreateRelease();
    const fault = await ctx.state.faults.runCreateMessageFault(reply);
    if (fault.abandoned) return;

    const valid = validateCreateMessage(
      ctx.state,
      account,
      toFormFields(request.body),
    );
    const message = ctx.state.addMessage(
      buildMessage({
        accountSid: account.sid,
        from: valid.sender.phoneNumber,
        to: valid.to,
        body: valid.body,
        mediaUrls: valid.mediaUrls,
        direction: "outbound-api",
        // With a Messaging Service, Twilio first accepts the message.
        status: valid.messagingServiceSid ? "accepted" : "queued",
        messagingServiceSid: valid.messagingServiceSid,
        statusCallback: valid.statusCallback,
      }),
    );
    // Twilio reports 0 segments until a Messaging Service queues the message.
    if (valid.messagingServiceSid) message.numSegments = 0;
    ctx.lifecycle.start(message);
    if (fault.responseDelayMs > 0) {
      await new Promise((resolve) =>
        setTimeout(resolve, fault.responseDelayMs),
      );
    }

    return reply.code(201).send(presentMessage(message));
  });

  app.get(`${messagesPath}/:Sid.json`, async (request) => {
    const account = accountFromParams(ctx.state, request.params);
    const sid = stringParam(request.params, "Sid");
    const message = ctx.state.findMessage(account.sid, sid);
    if (!message) throw twilioErrors.notFound(requestPath(request.url));

    return presentMessage(message);
  });

  app.get(`${messagesPath}.json`, async (request) => {
    const account = accountFromParams(ctx.state, request.params);
    const query = toFormFields(request.query);
    const filters = readMessageFilters(query);
    const newestFirst = ctx.state
      .messagesOf(account.sid)
      .filter((message) => matchesFilters(message, filters))
      .reverse();
    const page = buildPage(
      newestFirst,
      readPageRequest(query),
      `/2010-04-01/Accounts/${account.sid}/Messages.json`,
      filters.map(({ name, value }) => [name, value]),
    );

    return { messages: page.items.map(presentMessage), ...page.meta };
  });
}

interface MessageFilter {
  name: "To" | "From" | "DateSent" | "DateSent<" | "DateSent>";
  value: string;
}

function readMessageFilters(query: FormFields): MessageFilter[] {
  const names = ["To", "From", "DateSent", "DateSent<", "DateSent>"] as const;
  const filters: MessageFilter[] = [];
  for (const name of names) {
    const value = firstValue(query, name);
    if (value === undefined) continue;

    if (name.startsWith("DateSent") && !/^\d{4}-\d{2}-\d{2}/.test(value)) {
      throw twilioErrors.invalidListParameter(name, value);
    }
    filters.push({ name, value });
  }

  return filters;
}

/**
 * Returns whether a message passes the list filters. Twilio's DateSent
 * filters take a GMT date, so only the YYYY-MM-DD part of the value counts.
 * On the wire they read DateSent<=day (on or before) and DateSent>=day.
 */
function matchesFilters(message: SandboxMessage, filters: MessageFilter[]) {
  const sentDay = message.dateSent?.toISOString().slice(0, 10);

  return filters.every(({ name, value }) => {
    const day = value.slice(0, 10);
    switch (name) {
      case "To":
        return message.to === value;
      case "From":
        return message.from === value;
      case "DateSent":
        return sentDay === day;
      case "DateSent<":
        return sentDay !== undefined && sentDay <= day;
      case "DateSent>":
        return sentDay !== undefined && sentDay >= day;
    }
  });
}
