export type HttpMethod = "GET" | "POST";

export interface SandboxAccount {
  sid: string;
  authToken: string;
  friendlyName: string;
  dateCreated: Date;
  dateUpdated: Date;
}

export interface NumberCapabilities {
  voice: boolean;
  sms: boolean;
  mms: boolean;
  fax: boolean;
}

/** An IncomingPhoneNumber: a business number owned by one account. */
export interface SandboxNumber {
  sid: string;
  accountSid: string;
  /** E.164, such as "+14155550100". */
  phoneNumber: string;
  friendlyName: string;
  capabilities: NumberCapabilities;
  /** The incoming-message webhook; "" when unset, as Twilio returns it. */
  smsUrl: string;
  smsMethod: HttpMethod;
  smsFallbackUrl: string;
  smsFallbackMethod: HttpMethod;
  statusCallback: string;
  statusCallbackMethod: HttpMethod;
  /** The Messaging Service whose sender pool contains the number. */
  messagingServiceSid: string | null;
  dateCreated: Date;
  dateUpdated: Date;
}

/**
 * A Messaging Service (MG…). Its sender pool is the set of the account's
 * numbers whose `messagingServiceSid` is the service's SID.
 */
export interface SandboxMessagingService {
  sid: string;
  accountSid: string;
  friendlyName: string;
  /** URL for texts to the pool. Null drops them, as on Twilio. */
  inboundRequestUrl: string | null;
  inboundMethod: HttpMethod;
  fallbackUrl: string | null;
  fallbackMethod: HttpMethod;
  statusCallback: string | null;
  /** True sends texts to each number's own SmsUrl instead. */
  useInboundWebhookOnNumber: boolean;
  dateCreated: Date;
  dateUpdated: Date;
}

export type MessageDirection = "inbound" | "outbound-api" | "outbound-reply";

export type MessageStatus =
  | "accepted"
  | "queued"
  | "sending"
  | "sent"
  | "delivered"
  | "undelivered"
  | "failed"
  | "received";

export interface SandboxMessage {
  sid: string;
  accountSid: string;
  from: string;
  to: string;
  body: string;
  mediaUrls: string[];
  /** Types of `mediaUrls`, when known; otherwise guessed from the URL. */
  mediaContentTypes?: string[];
  direction: MessageDirection;
  status: MessageStatus;
  messagingServiceSid: string | null;
  numSegments: number;
  /** Decimal string in USD, negative as Twilio reports charges; null until sent. */
  price: string | null;
  errorCode: number | null;
  errorMessage: string | null;
  statusCallback: string | null;
  dateCreated: Date;
  dateUpdated: Date;
  dateSent: Date | null;
}
