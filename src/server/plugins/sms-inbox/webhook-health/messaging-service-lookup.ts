import type { TwilioClient } from "../../../twilio/client.js";
import { explainTwilioError } from "../../../twilio/twilio-errors.js";
import { mapWithConcurrency } from "./concurrency.js";

/** The settings of a Messaging Service that decide where texts go. */
export interface MessagingServiceRoute {
  /** MG… SID. */
  sid: string;
  friendlyName: string;
  /** null when unset, so Twilio drops texts unless the number's URL is used. */
  inboundRequestUrl: string | null;
  inboundMethod: string;
  /** True when each number's own SmsUrl decides instead of the service. */
  useInboundWebhookOnNumber: boolean;
}

/** The Messaging Service check's result for one number. */
export type ServiceMembership =
  | { result: "none" }
  | { result: "member"; service: MessagingServiceRoute }
  | { result: "unknown"; code: number | null; message: string };

/** The sender pools of the account's services, or why they are unknown. */
export type ServiceDirectory =
  | {
      result: "listed";
      /** Each number in a listed pool, by E.164 number, with its service. */
      byPhoneNumber: Map<string, MessagingServiceRoute>;
      /** The reason a number missing from `byPhoneNumber` may still be in a pool. */
      incomplete: string | null;
    }
  | { result: "failed"; code: number | null; message: string };

/**
 * Services read per check. The list request fetches one more, to tell
 * whether the account has more than this, so a check costs at most
 * 1 + MAX_SERVICES requests on top of the number lookups.
 */
export const MAX_SERVICES = 20;

/** Pool entries read per service: Twilio's maximum page size, one request. */
const MAX_POOL_SIZE = 1000;

interface ServiceRecord {
  sid: string;
  friendlyName: string;
  inboundRequestUrl: string | null;
  inboundMethod: string | null;
  useInboundWebhookOnNumber: boolean | null;
}

/**
 * Lists the account's Messaging Services and the numbers of each sender
 * pool (Messaging v1 API), with at most `concurrency` requests at a time.
 * Twilio failures are returned, never thrown, because the webhook check
 * must still work on accounts whose credentials cannot read Messaging.
 */
export async function lookUpMessagingServices(
  client: TwilioClient,
  apiBaseUrl: string,
  concurrency: number,
): Promise<ServiceDirectory> {
  let records: ServiceRecord[];
  try {
    records = await client.messaging.v1.services.list({
      limit: MAX_SERVICES + 1,
      pageSize: MAX_SERVICES + 1,
    });
  } catch (error) {
    const explained = explainTwilioError(error, apiBaseUrl);

    return {
      result: "failed",
      code: explained.code,
      message: explained.message,
    };
  }

  const services = records.slice(0, MAX_SERVICES).map(toRoute);
  const pools = await mapWithConcurrency(services, concurrency, (service) =>
    listPool(client, apiBaseUrl, service),
  );

  return buildDirectory(pools, records.length > MAX_SERVICES);
}

/** Returns one number's membership as recorded in `directory`. */
export function membershipOf(
  directory: ServiceDirectory,
  phoneNumber: string,
): ServiceMembership {
  if (directory.result === "failed") {
    return {
      result: "unknown",
      code: directory.code,
      message: `The Messaging Services of the account could not be read. ${directory.message}`,
    };
  }

  const service = directory.byPhoneNumber.get(phoneNumber);
  if (service) return { result: "member", service };

  if (directory.incomplete !== null) {
    return { result: "unknown", code: null, message: directory.incomplete };
  }

  return { result: "none" };
}

type PoolListing =
  | { service: MessagingServiceRoute; phoneNumbers: string[] }
  | { service: MessagingServiceRoute; error: string };

async function listPool(
  client: TwilioClient,
  apiBaseUrl: string,
  service: MessagingServiceRoute,
): Promise<PoolListing> {
  try {
    const entries = await client.messaging.v1
      .services(service.sid)
      .phoneNumbers.list({ limit: MAX_POOL_SIZE, pageSize: MAX_POOL_SIZE });

    return { service, phoneNumbers: entries.map((entry) => entry.phoneNumber) };
  } catch (error) {
    return { service, error: explainTwilioError(error, apiBaseUrl).message };
  }
}

function buildDirectory(
  pools: PoolListing[],
  moreServices: boolean,
): ServiceDirectory {
  const byPhoneNumber = new Map<string, MessagingServiceRoute>();
  const gaps: string[] = [];
  if (moreServices) {
    gaps.push(
      `The account has more than ${MAX_SERVICES} Messaging Services, and only the first ${MAX_SERVICES} were checked.`,
    );
  }
  for (const pool of pools) {
    const name = `"${pool.service.friendlyName}" (${pool.service.sid})`;
    if ("error" in pool) {
      gaps.push(
        `The numbers of the Messaging Service ${name} could not be read. ${pool.error}`,
      );
      continue;
    }

    if (pool.phoneNumbers.length >= MAX_POOL_SIZE) {
      gaps.push(
        `Only the first ${MAX_POOL_SIZE} numbers of the Messaging Service ${name} were checked.`,
      );
    }
    for (const phoneNumber of pool.phoneNumbers) {
      byPhoneNumber.set(phoneNumber, pool.service);
    }
  }

  return {
    result: "listed",
    byPhoneNumber,
    incomplete: gaps.length > 0 ? gaps.join(" ") : null,
  };
}

function toRoute(record: ServiceRecord): MessagingServiceRoute {
  return {
    sid: record.sid,
    friendlyName: record.friendlyName,
    inboundRequestUrl: record.inboundRequestUrl || null,
    inboundMethod: (record.inboundMethod ?? "POST").toUpperCase(),
    useInboundWebhookOnNumber: record.useInboundWebhookOnNumber === true,
  };
}
