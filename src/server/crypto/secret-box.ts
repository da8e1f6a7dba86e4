import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const VERSION = "v1";

/**
 * Encrypts short secrets (Twilio auth tokens) with AES-256-GCM. The stored
 * form is `v1.<iv>.<tag>.<ciphertext>`, each part base64url, so a change of
 * algorithm can be told apart from old rows.
 */
export class SecretBox {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) {
      throw new Error(`Encryption key must be 32 bytes, got ${key.length}.`);
    }
    this.#key = key;
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.#key, iv);
    const ciphertext = Buffer.concat([
      cipher.update(plaintext, "utf8"),
      cipher.final(),
    ]);
    const parts = [iv, cipher.getAuthTag(), ciphertext];

    return [VERSION, ...parts.map((part) => part.toString("base64url"))].join(
      ".",
    );
  }

  open(sealed: string): string {
    const [version, iv, tag, ciphertext] = sealed.split(".");
    if (version !== VERSION || !iv || !tag || ciphertext === undefined) {
      throw new Error("Stored secret has an unknown format.");
    }

    const decipher = createDecipheriv(
      "aes-256-gcm",
      this.#key,
      Buffer.from(iv, "base64url"),
    );
    decipher.setAuthTag(Buffer.from(tag, "base64url"));

    return Buffer.concat([
      decipher.update(Buffer.from(ciphertext, "base64url")),
      decipher.final(),
    ]).toString("utf8");
  }
}
