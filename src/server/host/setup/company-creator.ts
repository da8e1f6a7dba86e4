import { randomBytes } from "node:crypto";
import type { AppContext } from "../../context.js";
import { hashPassword } from "../../auth/passwords.js";
import { hostPermissions } from "../../auth/permissions.js";
import { lockForFirstRun } from "../../db/dialect.js";
import { newId, nowIso } from "../../db/ids.js";
import { errors } from "../../errors.js";
import { hasAnyCompany } from "../company/company-store.js";
import { createLocation } from "../locations/location-store.js";
import type { PluginManifest } from "../plugins/plugin-manifest.js";
import { createRole } from "../roles/role-creator.js";
import { insertStaffMember } from "../staff/staff-creator.js";
import { inTransaction } from "../transaction.js";

export interface NewCompanyWithOwner {
  companyName: string;
  /** ISO 3166-1 alpha-2, such as "US". */
  country: string;
  ownerName: string;
  ownerEmail: string;
  password: string;
}

export interface CreatedCompany {
  company: { id: string; name: string; country: string };
  roles: {
    owner: { id: string; name: string };
    staff: { id: string; name: string };
  };
  location: { id: string; name: string };
  owner: { id: string; name: string; email: string };
}

export interface CompanyCreatorOptions {
  /** Plugins whose permissions the Owner role receives. */
  catalogue: readonly PluginManifest[];
  /** Throw 409 setup_already_done when any company exists already. */
  firstRunOnly?: boolean;
}

/**
 * Creates a company with an "Owner" role (company.manage and every plugin
 * permission), a "Staff" role without permissions, a "Main location" and
 * the owner working there, all in one transaction.
 */
export async function createCompanyWithOwner(
  ctx: Pick<AppContext, "db">,
  input: NewCompanyWithOwner,
  options: CompanyCreatorOptions,
): Promise<CreatedCompany> {
  const passwordHash = await hashPassword(input.password);

  return inTransaction(ctx.db, async (trx) => {
    // The lock keeps two concurrent setups from both passing this check.
    if (options.firstRunOnly) {
      await lockForFirstRun(trx);
      if (await hasAnyCompany(trx)) throw errors.setupDone();
    }

    const company = await insertCompany(trx, input);
    const owner = await createRole({ db: trx }, company.id, {
      name: "Owner",
      permissions: ownerPermissions(options.catalogue),
    });
    const staff = await createRole({ db: trx }, company.id, {
      name: "Staff",
      permissions: [],
    });
    const location = await createLocation(
      { db: trx },
      company.id,
      "Main location",
    );
    const ownerStaff = await insertStaffMember(
      { db: trx },
      {
        companyId: company.id,
        roleId: owner.id,
        name: input.ownerName,
        email: input.ownerEmail,
        passwordHash,
        locationIds: [location.id],
      },
    );

    return {
      company,
      roles: { owner: pickNamed(owner), staff: pickNamed(staff) },
      location: pickNamed(location),
      owner: ownerStaff,
    };
  });
}

/** Permission keys of the Owner role: the host's and every plugin's. */
export function ownerPermissions(
  catalogue: readonly PluginManifest[],
): string[] {
  const pluginKeys = catalogue.flatMap((plugin) =>
    plugin.permissions.map((permission) => permission.key),
  );

  return [hostPermissions.manageCompany, ...pluginKeys];
}

async function insertCompany(
  db: AppContext["db"],
  input: NewCompanyWithOwner,
): Promise<CreatedCompany["company"]> {
  const company = {
    id: newId(),
    name: input.companyName.trim(),
    country: input.country.trim().toUpperCase(),
  };
  await db
    .insertInto("companies")
    .values({
      ...company,
      webhook_token: randomBytes(16).toString("hex"),
      created_at: nowIso(),
    })
    .execute();

  return company;
}

function pickNamed(row: { id: string; name: string }) {
  return { id: row.id, name: row.name };
}
