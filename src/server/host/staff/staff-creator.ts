import type { AppContext } from "../../context.js";
import { hashPassword } from "../../auth/passwords.js";
import { isUniqueViolation } from "../../db/dialect.js";
import { newId, nowIso } from "../../db/ids.js";
import { errors } from "../../errors.js";
import { requireCompanyLocations } from "../locations/location-store.js";
import { inTransaction } from "../transaction.js";

export interface NewStaffMember {
  companyId: string;
  roleId: string;
  name: string;
  email: string;
  password: string;
  /** Locations the staff member works at; each must belong to the company. */
  locationIds: readonly string[];
}

export interface CreatedStaffMember {
  id: string;
  name: string;
  email: string;
}

/** Creates a staff member who can sign in with `email` and `password`. */
export async function createStaffMember(
  ctx: Pick<AppContext, "db">,
  input: NewStaffMember,
): Promise<CreatedStaffMember> {
  // Hash before the transaction, so the slow scrypt call does not block the database.
  const { password, ...rest } = input;
  const passwordHash = await hashPassword(password);

  return inTransaction(ctx.db, (trx) =>
    insertStaffMember({ db: trx }, { ...rest, passwordHash }),
  );
}

/** Inserts a staff member whose password is already hashed. */
export async function insertStaffMember(
  ctx: Pick<AppContext, "db">,
  input: Omit<NewStaffMember, "password"> & { passwordHash: string },
): Promise<CreatedStaffMember> {
  const email = input.email.trim().toLowerCase();
  await requireCompanyRole(ctx, input.companyId, input.roleId);
  const locationIds = await requireCompanyLocations(
    ctx.db,
    input.companyId,
    input.locationIds,
    "locationIds",
  );
  await requireUnusedEmail(ctx, email);

  const id = newId();
  const name = input.name.trim();
  try {
    await ctx.db
      .insertInto("staff")
      .values({
        id,
        company_id: input.companyId,
        role_id: input.roleId,
        email,
        name,
        password_hash: input.passwordHash,
        active: 1,
        created_at: nowIso(),
      })
      .execute();
  } catch (error) {
    // A concurrent request can store the email after the check above.
    if (isUniqueViolation(error)) throw emailTaken(email);

    throw error;
  }
  if (locationIds.length > 0) {
    await ctx.db
      .insertInto("staff_locations")
      .values(locationIds.map((location_id) => ({ staff_id: id, location_id })))
      .execute();
  }

  return { id, name, email };
}

/** Throws 400 on `roleId` unless the role belongs to the company. */
export async function requireCompanyRole(
  ctx: Pick<AppContext, "db">,
  companyId: string,
  roleId: string,
): Promise<void> {
  const role = await ctx.db
    .selectFrom("roles")
    .select("id")
    .where("id", "=", roleId)
    .where("company_id", "=", companyId)
    .executeTakeFirst();
  if (!role) {
    throw errors.validation(
      "roleId: the role is not one of your company's roles.",
      "roleId",
    );
  }
}

async function requireUnusedEmail(
  ctx: Pick<AppContext, "db">,
  email: string,
): Promise<void> {
  const existing = await ctx.db
    .selectFrom("staff")
    .select("id")
    .where("email", "=", email)
    .executeTakeFirst();
  if (existing) throw emailTaken(email);
}

function emailTaken(email: string) {
  return errors.conflict(
    `A staff account with the email ${email} already exists. Use another email address.`,
  );
}
