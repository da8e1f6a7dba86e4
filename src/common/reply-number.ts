/** An inbox number as far as choosing the number of a reply needs it. */
export interface ReplyNumberCandidate {
  phoneNumber: string;
  isDefault: boolean;
}

/**
 * Returns the number a reply in a conversation goes out from: the
 * conversation's inbox number while it is one of `numbers`, or else the
 * default number. Returns null when neither applies, which means Twilio is
 * not connected. The server sends on this number, and the thread header
 * shows it.
 */
export function pickReplyNumber(
  numbers: readonly ReplyNumberCandidate[],
  conversationInboxNumber: string,
): string | null {
  const current = numbers.find(
    (number) => number.phoneNumber === conversationInboxNumber,
  );
  if (current) return current.phoneNumber;

  return numbers.find((number) => number.isDefault)?.phoneNumber ?? null;
}
