import type { FastifyBaseLogger } from "fastify";
import type { AppContext } from "../../../context.js";
import type { Db } from "../../../db/database.js";
import { nowIso } from "../../../db/ids.js";
import {
  findTwilioConnection,
  type StoredTwilioConnection,
} from "../../../host/twilio-connection-store.js";
import { findCompaniesByNumber } from "../numbers/number-store.js";
import { cachedCompanyByToken } from "./webhook-company-cache.js";
import { withCompanyId } from "./request-log.js";
import { rejectWebhook } from "./webhook-rejection.js";

/** The company a webhook request is addressed to, with its Twilio connection. */
export interface WebhookCompany {
  id: string;
  /** ISO 3166-1 alpha-2 region for reading national-format numbers. */
  country: string;
  connection: StoredTwilioConnection;
  /** The request's logger, with the company id bound (request-log.ts). */
  log: FastifyBaseLogger;
  /**
   * The request's token when it is the company's current token, so the
   * company may be cached under it. Null on the previous token or the
   * token-less URL.
   */
  currentToken: string | null;
  /**
   * The company's inbox numbers when the company came from the webhook
   * company cache (which holds only companies with SMS Inbox installed),
   * else null.
   */
  cachedNumbers: readonly string[] | null;
}

/**
 * The Twilio account and company number a request names: the To number of
 * an incoming text, or the From number of a status callback.
 */
export interface CompanyAddress {
  accountSid: string;
  companyNumber: string;
}

interface FoundCompany {
  id: string;
  country: string;
  /** True when the company was found by its current webhook token. */
  isCurrentToken: boolean;
}

/**
 * Finds the company by its webhook token, or, on the token-less URL, by the
 * AccountSid and company number, where exactly one company must match.
 * With `useCache`, a request on a current token may reuse the lookups of
 * the last WEBHOOK_COMPANY_TTL_MS (see webhook-company-cache.ts).
 */
export async function resolveWebhookCompany(
  ctx: Pick<AppContext, "db" | "secretBox">,
  log: FastifyBaseLogger,
  token: string | null,
  address: CompanyAddress,
  options: { useCache?: boolean } = {},
): Promise<WebhookCompany> {
  const cached =
    options.useCache && token !== null ? cachedCompanyByToken(token) : null;
  if (cached) {
    const { numbers, ...record } = cached;
    return {
      ...record,
      log: withCompanyId(log, record.id),
      currentToken: token,
      cachedNumbers: numbers,
    };
  }

  const company =
    token === null
      ? await findCompanyByNumber(ctx.db, log, address)
      : await findCompanyByToken(ctx.db, log, token);
  const companyLog = withCompanyId(log, company.id);

  const connection = await findTwilioConnection(ctx, company.id);
  if (!connection) throw rejectWebhook(companyLog, "twilio_not_connected");

  return {
    id: company.id,
    country: company.country,
    connection,
    log: companyLog,
    currentToken: company.isCurrentToken ? token : null,
    cachedNumbers: null,
  };
}

/**
 * Finds the company whose current token is `token`, or whose token before
 * the last rotation it is while that one is still accepted. Requests on a
 * previous token are logged at warn, so staff see which numbers on Twilio
 * still need the new URL.
 */
async function findCompanyByToken(
  db: Db,
  log: FastifyBaseLogger,
  token: string,
): Promise<FoundCompany> {
  const company = await db
    .selectFrom("companies")
    .select(["id", "country"])
    .where("webhook_token", "=", token)
    .executeTakeFirst();
  if (company) return { ...company, isCurrentToken: true };

  const previous = await db
    .selectFrom("companies")
    .select(["id", "country", "previous_webhook_token_expires_at"])
    .where("previous_webhook_token", "=", token)
    .where("previous_webhook_token_expires_at", ">", nowIso())
    .executeTakeFirst();
  if (!previous) throw rejectWebhook(log, "unknown_token");

  log.warn(
    {
      companyId: previous.id,
      previousTokenValidUntil: previous.previous_webhook_token_expires_at,
    },
    "webhook request on the previous webhook token accepted; set the new webhook URL on this number",
  );

  return { id: previous.id, country: previous.country, isCurrentToken: false };
}

async function findCompanyByNumber(
  db: Db,
  log: FastifyBaseLogger,
  address: CompanyAddress,
): Promise<FoundCompany> {
  const ids = await findCompaniesByNumber(
    db,
    address.accountSid,
    address.companyNumber,
  );
  const [id] = ids;
  if (id === undefined) throw rejectWebhook(log, "unknown_number");

  if (ids.length > 1) throw rejectWebhook(log, "ambiguous_number");

  const company = await db
    .selectFrom("companies")
    .select(["id", "country"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();

  return { ...company, isCurrentToken: false };
}
