import type {
  ConversationPage,
  ConversationSummary,
  CustomerRef,
  OptOutState,
} from "../../../../common/api.js";

/**
 * JSON Schemas of the conversation list's 200 response, from which Fastify
 * builds a fast-json-stringify serializer. It writes the same text as
 * JSON.stringify of what presentConversationPage returns: the properties in
 * the presenter's order, null where the presenter gives null, and a
 * property the presenter leaves undefined is left out, as JSON.stringify
 * leaves it out. `satisfies` makes the compiler reject a schema that
 * misses a property of the API type or names one it does not have, because
 * the serializer drops properties its schema does not list.
 */
const customerRefSchema = {
  type: "object",
  properties: {
    id: { type: "string" },
    name: { type: "string" },
  } satisfies Record<keyof CustomerRef, unknown>,
} as const;

const nullableCustomerRefSchema = {
  ...customerRefSchema,
  type: ["object", "null"],
} as const;

const nullableString = { type: ["string", "null"] } as const;

const optOutSchema = {
  type: "object",
  properties: {
    optedOut: { type: "boolean" },
    at: nullableString,
    keyword: nullableString,
  } satisfies Record<keyof OptOutState, unknown>,
} as const;

const conversationSummarySchema = {
  type: "object",
  properties: {
    id: { type: "string" },
    customerNumber: { type: "string" },
    customer: nullableCustomerRefSchema,
    customerMatches: { type: "array", items: customerRefSchema },
    customerName: nullableString,
    inboxNumber: { type: "string" },
    lastMessageAt: { type: "string" },
    lastMessagePreview: { type: "string" },
    lastMessageFailed: { type: "boolean" },
    unreadCount: { type: "number" },
    optOut: optOutSchema,
  } satisfies Record<keyof ConversationSummary, unknown>,
} as const;

export const conversationPageSchema = {
  type: "object",
  properties: {
    conversations: { type: "array", items: conversationSummarySchema },
    nextCursor: nullableString,
  } satisfies Record<keyof ConversationPage, unknown>,
} as const;
