/**
 * Inbox search on the wire:
 *
 *   GET /api/plugins/sms-chat/conversations?q=<text>&cursor=  -> ConversationPage
 *
 * `q` matches, case-insensitively and anywhere in the text, the customer's
 * number (by its digits, when `q` is written as a phone number in any
 * format), the name of the customer on file and the text of any message.
 * Results are conversations, newest activity first, paged like the list.
 */

/** Minimum search text length, in characters, because the trigram indexes need three. */
export const SEARCH_MIN_LENGTH = 3;

/** Maximum search text length, in characters. */
export const SEARCH_MAX_LENGTH = 100;
