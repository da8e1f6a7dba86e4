import { conversationAddress } from "../../../../common/phone.js";

/**
 * Maximum From and To addresses remembered, each as two short strings. The
 * oldest entry is dropped first.
 */
const MAX_REMEMBERED_ADDRESSES = 10_000;

const remembered = new Map<string, string>();

/**
 * Returns conversationAddress(address, country), remembering recent
 * results. Parsing a number with libphonenumber-js took about 20 µs of CPU
 * per call on the 2-core benchmark machine, and a webhook reads its To
 * number twice and a From number that usually texted before.
 */
export function webhookAddress(address: string, country: string): string {
  const key = `${country} ${address}`;
  const cached = remembered.get(key);
  if (cached !== undefined) return cached;

  const result = conversationAddress(address, country);
  if (remembered.size >= MAX_REMEMBERED_ADDRESSES) {
    const oldest = remembered.keys().next().value;
    if (oldest !== undefined) remembered.delete(oldest);
  }
  remembered.set(key, result);

  return result;
}
