import type { Selectable } from "kysely";
import type { AppContext } from "../../context.js";
import type { Db } from "../../db/database.js";
import { newId, nowIso } from "../../db/ids.js";
import type { CustomersTable } from "../../db/schema.js";
import { errors } from "../../errors.js";
import { findCompany } from "../company/company-store.js";
import { inTransaction } from "../transaction.js";
import type { CustomerInput } from "../../../common/customer-api.js";
import { announceCustomerChanged } from "./customer-changes.js";
import {
  findCustomersWithPhone,
  findSameName,
  lockCompanyCustomers,
  rejectDuplicate,
  rejectSharedPhone,
} from "./customer-duplicates.js";
import {
  MAX_NAME_LENGTH,
  readCustomerName,
  readPhone,
} from "./customer-fields.js";

export type CustomerRow = Selectable<CustomersTable>;

/** A customer's fields after validation, ready to store. */
export interface ValidCustomer {
  name: string;
  phone: string;
  phoneE164: string;
}

/**
 * Validates a customer's name and phone number, reading the number in the
 * company's country, or throws 400 naming the field and the expected form.
 */
export async function validateCustomer(
  db: Db,
  companyId: string,
  input: CustomerInput,
): Promise<ValidCustomer> {
  const reading = readCustomerName(input.name);
  if (!reading.ok && reading.problem === "missing") {
    throw errors.validation("name: enter the customer's name.", "name");
  }
  if (!reading.ok) throw errors.validation(`name: ${reading.message}`, "name");

  const name = reading.name;
  if (name.length > MAX_NAME_LENGTH) {
    throw errors.validation(
      `name: the name is longer than ${MAX_NAME_LENGTH} characters. Shorten it.`,
      "name",
    );
  }

  const company = await findCompany(db, companyId);
  const phone = readPhone(input.phone, company.country);
  if (!phone.ok) throw errors.validation(`phone: ${phone.message}`, "phone");

  return { name, phone: phone.phone, phoneE164: phone.e164 };
}

/**
 * Creates a customer. The phone is kept as entered, without an extension
 * such as "x 5" because texts cannot reach one, and also stored in E.164,
 * read with the company's country, so that incoming texts match it. Throws
 * 400 when the name is empty or the phone is not a phone number, and 409
 * when a customer with the same name and number exists. Customers with
 * different names may share a number, but only with
 * `input.confirmSharedPhone`: without it the create throws 409
 * "phone_on_file" listing them.
 */
export async function createCustomer(
  ctx: Pick<AppContext, "db">,
  companyId: string,
  input: CustomerInput,
): Promise<CustomerRow> {
  const customer = await validateCustomer(ctx.db, companyId, input);
  const row = toRow(companyId, customer, nowIso());
  await inTransaction(ctx.db, async (trx) => {
    await lockCompanyCustomers(trx, companyId);
    const onFile = await findCustomersWithPhone(
      trx,
      companyId,
      customer.phoneE164,
      null,
    );
    rejectDuplicate(findSameName(onFile, customer.name));
    if (input.confirmSharedPhone !== true) {
      rejectSharedPhone(customer.phoneE164, onFile);
    }
    await trx.insertInto("customers").values(row).execute();
    await announceCustomerChanged(trx, {
      companyId,
      customerId: row.id,
      numbers: [row.phone_e164],
    });
  });

  return row;
}

/** Builds the stored row of a validated customer. */
export function toRow(
  companyId: string,
  customer: ValidCustomer,
  createdAt: string,
): CustomerRow {
  return {
    id: newId(),
    company_id: companyId,
    name: customer.name,
    phone: customer.phone,
    phone_e164: customer.phoneE164,
    created_at: createdAt,
  };
}

/**
 * Changes a customer's name and number. Throws 404 for an unknown customer
 * and 409 when another customer has the same name and number. A new number
 * that customers with other names have throws 409 "phone_on_file" unless
 * `input.confirmSharedPhone` is true. Keeping the number needs no
 * confirmation, so a customer who already shares it can be renamed.
 */
export async function updateCustomer(
  db: Db,
  companyId: string,
  customerId: string,
  input: CustomerInput,
): Promise<CustomerRow> {
  const customer = await validateCustomer(db, companyId, input);

  return inTransaction(db, async (trx) => {
    await lockCompanyCustomers(trx, companyId);
    const previous = await findCustomer(trx, companyId, customerId);
    if (!previous) throw errors.notFound("The customer");

    const onFile = await findCustomersWithPhone(
      trx,
      companyId,
      customer.phoneE164,
      customerId,
    );
    rejectDuplicate(findSameName(onFile, customer.name));
    const numberChanged = previous.phone_e164 !== customer.phoneE164;
    if (numberChanged && input.confirmSharedPhone !== true) {
      rejectSharedPhone(customer.phoneE164, onFile);
    }

    const updated = await trx
      .updateTable("customers")
      .set({
        name: customer.name,
        phone: customer.phone,
        phone_e164: customer.phoneE164,
      })
      .where("id", "=", customerId)
      .where("company_id", "=", companyId)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw errors.notFound("The customer");

    await announceCustomerChanged(trx, {
      companyId,
      customerId,
      numbers: [previous.phone_e164, updated.phone_e164],
    });

    return updated;
  });
}

/**
 * Deletes a customer, or throws 404. Conversations linked to it keep their
 * messages and lose only the link, because the foreign key sets
 * `conversations.customer_id` to null.
 */
export async function deleteCustomer(
  db: Db,
  companyId: string,
  customerId: string,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const customer = await findCustomer(trx, companyId, customerId);
    if (!customer) throw errors.notFound("The customer");

    // Announced before the delete, while linked conversations still name
    // the customer, so listeners can find them.
    await announceCustomerChanged(trx, {
      companyId,
      customerId,
      numbers: [customer.phone_e164],
    });
    const result = await trx
      .deleteFrom("customers")
      .where("id", "=", customerId)
      .where("company_id", "=", companyId)
      .executeTakeFirst();
    if (result.numDeletedRows === 0n) throw errors.notFound("The customer");
  });
}

/** Loads a customer of the company, or returns undefined. */
export async function findCustomer(
  db: Db,
  companyId: string,
  customerId: string,
): Promise<CustomerRow | undefined> {
  return db
    .selectFrom("customers")
    .selectAll()
    .where("id", "=", customerId)
    .where("company_id", "=", companyId)
    .executeTakeFirst();
}
