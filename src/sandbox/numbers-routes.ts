import type { FastifyInstance } from "fastify";
import type { SandboxContext } from "./context.js";
import { twilioErrors } from "./errors.js";
import { firstValue, toFormFields, type FormFields } from "./form-body.js";
import { buildPage, readPageRequest } from "./paging.js";
import { presentNumber } from "./presenters.js";
import type { SandboxNumber } from "./state-types.js";
import {
  accountFromParams,
  requestPath,
  stringParam,
} from "./twilio-params.js";
import { readUpdateMethod, readUpdateUrl } from "./update-fields.js";

const numbersPath = "/Accounts/:AccountSid/IncomingPhoneNumbers";

export function registerNumberRoutes(
  app: FastifyInstance,
  ctx: SandboxContext,
) {
  app.get(`${numbersPath}.json`, async (request) => {
    const account = accountFromParams(ctx.state, request.params);
    const query = toFormFields(request.query);
    const filters: [string, string][] = [];
    let numbers = ctx.state.numbersOf(account.sid);
    const phoneFilter = firstValue(query, "PhoneNumber");
    if (phoneFilter !== undefined) {
      filters.push(["PhoneNumber", phoneFilter]);
      numbers = numbers.filter(phoneNumberMatcher(phoneFilter));
    }
    const nameFilter = firstValue(query, "FriendlyName");
    if (nameFilter !== undefined) {
      filters.push(["FriendlyName", nameFilter]);
      numbers = numbers.filter((number) => number.friendlyName === nameFilter);
    }
    const page = buildPage(
      numbers,
      readPageRequest(query),
      `/2010-04-01/Accounts/${account.sid}/IncomingPhoneNumbers.json`,
      filters,
    );

    return {
      incoming_phone_numbers: page.items.map(presentNumber),
      ...page.meta,
    };
  });

  app.get(`${numbersPath}/:Sid.json`, async (request) => {
    const account = accountFromParams(ctx.state, request.params);
    const number = ctx.state.findNumber(
      account.sid,
      stringParam(request.params, "Sid"),
    );
    if (!number) throw twilioErrors.notFound(requestPath(request.url));

    return presentNumber(number);
  });

  app.post(`${numbersPath}/:Sid.json`, async (request) => {
    const account = accountFromParams(ctx.state, request.params);
    const number = ctx.state.findNumber(
      account.sid,
      stringParam(request.params, "Sid"),
    );
    if (!number) throw twilioErrors.notFound(requestPath(request.url));

    applyNumberUpdate(number, toFormFields(request.body));

    return presentNumber(number);
  });
}

/**
 * Matches Twilio's PhoneNumber filter: a whole or partial number in which
 * "*" stands for any one digit.
 */
function phoneNumberMatcher(filter: string) {
  const pattern = filter
    .split("*")
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("\\d");
  const regex = new RegExp(pattern);

  return (number: SandboxNumber) => regex.test(number.phoneNumber);
}

/** Validates every field first, so a bad request changes nothing. */
function applyNumberUpdate(number: SandboxNumber, form: FormFields) {
  const smsUrl = readUpdateUrl(form, "SmsUrl");
  const smsFallbackUrl = readUpdateUrl(form, "SmsFallbackUrl");
  const statusCallback = readUpdateUrl(form, "StatusCallback");
  const smsMethod = readUpdateMethod(form, "SmsMethod");
  const smsFallbackMethod = readUpdateMethod(form, "SmsFallbackMethod");
  const statusCallbackMethod = readUpdateMethod(form, "StatusCallbackMethod");
  const friendlyName = firstValue(form, "FriendlyName");
  if (friendlyName !== undefined && friendlyName.length > 64) {
    throw twilioErrors.friendlyNameTooLong();
  }

  number.smsUrl = smsUrl ?? number.smsUrl;
  number.smsFallbackUrl = smsFallbackUrl ?? number.smsFallbackUrl;
  number.statusCallback = statusCallback ?? number.statusCallback;
  number.smsMethod = smsMethod ?? number.smsMethod;
  number.smsFallbackMethod = smsFallbackMethod ?? number.smsFallbackMethod;
  number.statusCallbackMethod =
    statusCallbackMethod ?? number.statusCallbackMethod;
  number.friendlyName = friendlyName ?? number.friendlyName;
  number.dateUpdated = new Date();
}
