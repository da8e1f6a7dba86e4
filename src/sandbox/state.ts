import { newAuthToken, newSid } from "./ids.js";
import type {
  HttpMethod,
  NumberCapabilities,
  SandboxAccount,
  SandboxMessage,
  SandboxMessagingService,
  SandboxNumber,
} from "./state-types.js";
import { FaultPlan } from "./faults.js";
import { MediaStore } from "./media-store.js";
import { RequestLog } from "./request-log.js";

export interface NewAccount {
  sid?: string;
  authToken?: string;
  friendlyName?: string;
}

export interface NewNumber {
  phoneNumber: string;
  friendlyName?: string;
  capabilities?: Partial<NumberCapabilities>;
  smsUrl?: string;
  smsMethod?: HttpMethod;
  messagingServiceSid?: string;
}

export interface NewMessagingService {
  sid?: string;
  friendlyName: string;
  inboundRequestUrl?: string | null;
  inboundMethod?: HttpMethod;
  useInboundWebhookOnNumber?: boolean;
}

/** Thrown when a control request would create a duplicate. */
export class ConflictError extends Error {}

/** All sandbox data, in memory only. */
export class SandboxState {
  readonly accounts = new Map<string, SandboxAccount>();
  readonly numbers: SandboxNumber[] = [];
  readonly messagingServices: SandboxMessagingService[] = [];
  /** Every message in creation order, inbound and outbound. */
  readonly messages: SandboxMessage[] = [];
  readonly faults = new FaultPlan();
  readonly media = new MediaStore();
  readonly requestLog = new RequestLog();
  /**
   * Account-wide opt-outs by account SID: customers that no sender of the
   * account may text. Twilio has no such list. The seed's `optOuts`, the
   * control API's opt-out list and setOptedOut fill it so that tests can
   * block a customer without texting STOP to a particular number.
   */
  private readonly optOuts = new Map<string, Set<string>>();
  /**
   * Opt-outs from STOP texts, by account SID, then opt-out scope (see
   * optOutScopeOf), then customer number, as Twilio scopes them.
   */
  private readonly senderOptOuts = new Map<string, Map<string, Set<string>>>();

  createAccount(input: NewAccount = {}): SandboxAccount {
    const sid = input.sid ?? newSid("AC");
    if (this.accounts.has(sid)) {
      throw new ConflictError(`Account ${sid} already exists.`);
    }

    const now = new Date();
    const account: SandboxAccount = {
      sid,
      authToken: input.authToken ?? newAuthToken(),
      friendlyName: input.friendlyName ?? `Sandbox account ${sid}`,
      dateCreated: now,
      dateUpdated: now,
    };
    this.accounts.set(sid, account);

    return account;
  }

  /**
   * Replaces an account's auth token with `authToken`, or with a new random
   * one. Throws when there is no such account.
   */
  replaceAuthToken(accountSid: string, authToken?: string): SandboxAccount {
    const account = this.accounts.get(accountSid);
    if (!account) throw new Error(`No sandbox account ${accountSid}.`);

    account.authToken = authToken ?? newAuthToken();
    account.dateUpdated = new Date();

    return account;
  }

  addNumber(accountSid: string, input: NewNumber): SandboxNumber {
    const isDuplicate = this.numbers.some(
      (number) =>
        number.accountSid === accountSid &&
        number.phoneNumber === input.phoneNumber,
    );
    if (isDuplicate) {
      throw new ConflictError(
        `Account ${accountSid} already has the number ${input.phoneNumber}.`,
      );
    }

    const now = new Date();
    const number: SandboxNumber = {
      sid: newSid("PN"),
      accountSid,
      phoneNumber: input.phoneNumber,
      friendlyName:
        input.friendlyName ?? defaultFriendlyName(input.phoneNumber),
      capabilities: { voice: true, sms: true, mms: true, fax: false },
      smsUrl: input.smsUrl ?? "",
      smsMethod: input.smsMethod ?? "POST",
      smsFallbackUrl: "",
      smsFallbackMethod: "POST",
      statusCallback: "",
      statusCallbackMethod: "POST",
      messagingServiceSid: input.messagingServiceSid ?? null,
      dateCreated: now,
      dateUpdated: now,
    };
    Object.assign(number.capabilities, input.capabilities);
    this.numbers.push(number);

    return number;
  }

  numbersOf(accountSid: string): SandboxNumber[] {
    return this.numbers.filter((number) => number.accountSid === accountSid);
  }

  findNumber(accountSid: string, sid: string): SandboxNumber | undefined {
    return this.numbersOf(accountSid).find((number) => number.sid === sid);
  }

  /** Removes a number from its account, as releasing it on Twilio does. */
  releaseNumber(accountSid: string, sid: string): boolean {
    const index = this.numbers.findIndex(
      (number) => number.accountSid === accountSid && number.sid === sid,
    );
    if (index === -1) return false;

    this.numbers.splice(index, 1);

    return true;
  }

  /**
   * Creates a Messaging Service. NOTE: the defaults (no inbound URL, so
   * texts are dropped, and UseInboundWebhookOnNumber false) follow the
   * Messaging v1 API description, which states no default for the latter.
   */
  createMessagingService(
    accountSid: string,
    input: NewMessagingService,
  ): SandboxMessagingService {
    const sid = input.sid ?? newSid("MG");
    if (this.messagingServices.some((service) => service.sid === sid)) {
      throw new ConflictError(`Messaging Service ${sid} already exists.`);
    }

    const now = new Date();
    const service: SandboxMessagingService = {
      sid,
      accountSid,
      friendlyName: input.friendlyName,
      inboundRequestUrl: input.inboundRequestUrl ?? null,
      inboundMethod: input.inboundMethod ?? "POST",
      fallbackUrl: null,
      fallbackMethod: "POST",
      statusCallback: null,
      useInboundWebhookOnNumber: input.useInboundWebhookOnNumber ?? false,
      dateCreated: now,
      dateUpdated: now,
    };
    this.messagingServices.push(service);

    return service;
  }

  messagingServicesOf(accountSid: string): SandboxMessagingService[] {
    return this.messagingServices.filter(
      (service) => service.accountSid === accountSid,
    );
  }

  findMessagingService(
    accountSid: string,
    sid: string,
  ): SandboxMessagingService | undefined {
    return this.messagingServicesOf(accountSid).find(
      (service) => service.sid === sid,
    );
  }

  /** Returns the account's numbers in the service's sender pool. */
  senderPoolOf(service: SandboxMessagingService): SandboxNumber[] {
    return this.numbersOf(service.accountSid).filter(
      (number) => number.messagingServiceSid === service.sid,
    );
  }

  /** Returns the numbers with this E.164 value, on any account. */
  numbersByPhone(phoneNumber: string): SandboxNumber[] {
    return this.numbers.filter((number) => number.phoneNumber === phoneNumber);
  }

  addMessage(message: SandboxMessage): SandboxMessage {
    this.messages.push(message);

    return message;
  }

  messagesOf(accountSid: string): SandboxMessage[] {
    return this.messages.filter((message) => message.accountSid === accountSid);
  }

  findMessage(accountSid: string, sid: string): SandboxMessage | undefined {
    return this.messagesOf(accountSid).find((message) => message.sid === sid);
  }

  /**
   * Returns the customer phone numbers that have exchanged messages with
   * the account's numbers, in order of first contact.
   */
  handsetsOf(accountSid: string): string[] {
    const handsets = new Set<string>();
    for (const message of this.messagesOf(accountSid)) {
      handsets.add(message.direction === "inbound" ? message.from : message.to);
    }

    return [...handsets];
  }

  /**
   * Replaces the account-wide opt-out list. Sender-scoped opt-outs from
   * STOP texts stay as they are.
   */
  setOptOuts(accountSid: string, phoneNumbers: string[]): void {
    this.optOuts.set(accountSid, new Set(phoneNumbers));
  }

  /** Returns the account-wide opt-outs, without the sender-scoped ones. */
  optOutsOf(accountSid: string): string[] {
    return [...(this.optOuts.get(accountSid) ?? [])];
  }

  /** Returns true when the customer is on the account-wide opt-out list. */
  isOptedOut(accountSid: string, phoneNumber: string): boolean {
    return this.optOuts.get(accountSid)?.has(phoneNumber) ?? false;
  }

  /**
   * Adds the customer to, or removes them from, the account-wide opt-out
   * list, which blocks sends from every sender of the account.
   */
  setOptedOut(accountSid: string, phoneNumber: string, optedOut: boolean) {
    const list = this.optOuts.get(accountSid) ?? new Set<string>();
    if (optedOut) list.add(phoneNumber);
    else list.delete(phoneNumber);
    this.optOuts.set(accountSid, list);
  }

  /**
   * Returns the opt-out scope of a business number: the SID of the
   * Messaging Service whose sender pool contains it, or else the number's
   * own E.164 value. Twilio opts a customer who texts STOP to a pooled
   * number out of every message from that service. Like inbound routing, a
   * messagingServiceSid that names no sandbox service is ignored.
   * NOTE: opt-outs recorded before a number joins or leaves a service stay
   * with its old scope. Whether Twilio moves them is not verified.
   */
  optOutScopeOf(number: SandboxNumber): string {
    const service =
      number.messagingServiceSid === null
        ? undefined
        : this.findMessagingService(
            number.accountSid,
            number.messagingServiceSid,
          );

    return service?.sid ?? number.phoneNumber;
  }

  /** Opts the customer out of, or back in to, one scope's messages. */
  setSenderOptedOut(
    accountSid: string,
    scope: string,
    phoneNumber: string,
    optedOut: boolean,
  ) {
    const scopes =
      this.senderOptOuts.get(accountSid) ?? new Map<string, Set<string>>();
    const customers = scopes.get(scope) ?? new Set<string>();
    if (optedOut) customers.add(phoneNumber);
    else customers.delete(phoneNumber);

    if (customers.size > 0) scopes.set(scope, customers);
    else scopes.delete(scope);
    this.senderOptOuts.set(accountSid, scopes);
  }

  /** Returns the sender-scoped opt-outs, one entry per scope in use. */
  senderOptOutsOf(
    accountSid: string,
  ): { scope: string; phoneNumbers: string[] }[] {
    const scopes =
      this.senderOptOuts.get(accountSid) ?? new Map<string, Set<string>>();

    return [...scopes].map(([scope, customers]) => ({
      scope,
      phoneNumbers: [...customers],
    }));
  }

  /**
   * Returns true when a send to the customer from any of these scopes is
   * blocked, by a STOP to one of them or by the account-wide list.
   */
  isOptedOutOfAny(
    accountSid: string,
    scopes: string[],
    phoneNumber: string,
  ): boolean {
    if (this.isOptedOut(accountSid, phoneNumber)) return true;

    const optOuts = this.senderOptOuts.get(accountSid);

    return scopes.some((scope) => optOuts?.get(scope)?.has(phoneNumber));
  }
}

/** Formats NANP numbers as Twilio does, "(415) 555-0100"; others stay E.164. */
function defaultFriendlyName(phoneNumber: string): string {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(phoneNumber);

  return nanp ? `(${nanp[1]}) ${nanp[2]}-${nanp[3]}` : phoneNumber;
}
