import { twilioErrors } from "./errors.js";
import { allValues, firstValue, type FormFields } from "./form-body.js";
import type { SandboxState } from "./state.js";
import type { SandboxAccount, SandboxNumber } from "./state-types.js";

/** A Messages.create request that passed Twilio's checks. */
export interface ValidMessageRequest {
  to: string;
  sender: SandboxNumber;
  messagingServiceSid: string | null;
  body: string;
  mediaUrls: string[];
  statusCallback: string | null;
}

const e164Pattern = /^\+[1-9]\d{6,14}$/;
const maxBodyLength = 1600;

/**
 * Validates a Messages.create form in the order Twilio reports problems:
 * the recipient, the sender, then the content, then opt-outs.
 */
export function validateCreateMessage(
  state: SandboxState,
  account: SandboxAccount,
  form: FormFields,
): ValidMessageRequest {
  const to = firstValue(form, "To")?.trim();
  if (!to) throw twilioErrors.missingTo();

  // Short codes and alphanumeric sender IDs cannot receive messages.
  if (!e164Pattern.test(to)) throw twilioErrors.invalidTo(to);

  const { sender, messagingServiceSid } = resolveSender(state, account, form);
  if (sender.phoneNumber === to) throw twilioErrors.invalidTo(to);

  const body = firstValue(form, "Body") ?? "";
  const mediaUrls = allValues(form, "MediaUrl");
  const hasContent = firstValue(form, "ContentSid") !== undefined;
  if (body === "" && mediaUrls.length === 0 && !hasContent) {
    throw twilioErrors.missingBody();
  }

  if ([...body].length > maxBodyLength) throw twilioErrors.bodyTooLong();

  const badMedia = mediaUrls.find((url) => !isHttpUrl(url));
  if (badMedia !== undefined) throw twilioErrors.invalidMediaUrl(badMedia);

  const statusCallback = firstValue(form, "StatusCallback") || null;
  if (statusCallback !== null && !isHttpUrl(statusCallback)) {
    throw twilioErrors.invalidStatusCallback(statusCallback);
  }

  // A From number in a service has the service's scope, and so does a send
  // with MessagingServiceSid. The account-wide list blocks every sender.
  const scopes = [state.optOutScopeOf(sender)];
  if (messagingServiceSid !== null) scopes.push(messagingServiceSid);
  if (state.isOptedOutOfAny(account.sid, scopes, to)) {
    throw twilioErrors.unsubscribed();
  }

  return { to, sender, messagingServiceSid, body, mediaUrls, statusCallback };
}

/**
 * Returns the sending number: From when given, which must be an SMS-capable
 * number of this account, or else a number in the Messaging Service's pool.
 */
function resolveSender(
  state: SandboxState,
  account: SandboxAccount,
  form: FormFields,
) {
  const from = firstValue(form, "From")?.trim();
  const serviceSid = firstValue(form, "MessagingServiceSid")?.trim() || null;
  if (from) {
    const owned = state
      .numbersOf(account.sid)
      .find((number) => number.phoneNumber === from);
    if (owned?.capabilities.sms) {
      return { sender: owned, messagingServiceSid: serviceSid };
    }

    const elsewhere = state
      .numbersByPhone(from)
      .some((number) => number.accountSid !== account.sid);
    if (!owned && elsewhere) {
      throw twilioErrors.fromOtherAccount(from, account.sid);
    }

    throw twilioErrors.fromNotOwned(from);
  }

  if (!serviceSid) throw twilioErrors.missingFrom();

  const pooled = state
    .numbersOf(account.sid)
    .find(
      (number) =>
        number.messagingServiceSid === serviceSid && number.capabilities.sms,
    );
  if (!pooled) throw twilioErrors.noServiceSender(serviceSid);

  return { sender: pooled, messagingServiceSid: serviceSid };
}

export function isHttpUrl(text: string): boolean {
  if (!URL.canParse(text)) return false;

  const { protocol, hostname } = new URL(text);

  return (protocol === "http:" || protocol === "https:") && hostname !== "";
}
