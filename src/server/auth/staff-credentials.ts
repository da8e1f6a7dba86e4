import type { Db } from "../db/database.js";
import { hashPassword, verifyPassword } from "./passwords.js";

export type CredentialCheck =
  | { result: "valid"; staffId: string }
  | { result: "invalid" }
  | { result: "inactive" };

let dummyHash: Promise<string> | undefined;

/**
 * Checks an email and password against the staff table. An unknown email
 * still costs one scrypt verification against a throwaway hash, so response
 * time does not reveal which emails have accounts. "inactive" is returned
 * only when the password is correct.
 */
export async function checkStaffCredentials(
  db: Db,
  email: string,
  password: string,
): Promise<CredentialCheck> {
  const staff = await db
    .selectFrom("staff")
    .select(["id", "password_hash", "active"])
    .where("email", "=", email.trim().toLowerCase())
    .executeTakeFirst();

  // An invited or removed staff member has an empty hash, which never
  // verifies. Checking the throwaway hash instead keeps the response time
  // the same as for any other account.
  const hash = staff?.password_hash || (await throwawayHash());
  const matches = await verifyPassword(password, hash);
  if (!staff || !staff.password_hash || !matches) return { result: "invalid" };

  if (staff.active !== 1) return { result: "inactive" };

  return { result: "valid", staffId: staff.id };
}

function throwawayHash(): Promise<string> {
  dummyHash ??= hashPassword("unknown-email-placeholder");

  return dummyHash;
}
