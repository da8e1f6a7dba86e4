/**
 * Returns a random UUID (version 4). `crypto.randomUUID` exists only in
 * secure contexts (HTTPS or localhost), so an inbox served over plain HTTP
 * falls back to `crypto.getRandomValues`, which browsers always provide.
 */
export function randomKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();

  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, "0"));

  return [
    hex.slice(0, 4),
    hex.slice(4, 6),
    hex.slice(6, 8),
    hex.slice(8, 10),
    hex.slice(10, 16),
  ]
    .map((group) => group.join(""))
    .join("-");
}

/**
 * The Idempotency-Key of one draft. Every attempt to send the same request
 * (a double click, a retry after a network error) carries the same key, so
 * the server creates the message once. The key changes when the request
 * changes after an attempt, because the server rejects a key reused for a
 * different request, and after a successful send.
 */
export class DraftKey {
  #key: string;
  #attempted: string | null = null;

  constructor(private readonly generate: () => string = randomKey) {
    this.#key = generate();
  }

  /** Returns the key to send `request` with. */
  keyFor(request: unknown): string {
    const fingerprint = JSON.stringify(request);
    if (this.#attempted !== null && this.#attempted !== fingerprint) {
      this.#key = this.generate();
    }

    this.#attempted = fingerprint;

    return this.#key;
  }

  /** Starts a new draft, after its message was sent. */
  reset(): void {
    this.#key = this.generate();
    this.#attempted = null;
  }
}
