import type { AppContext } from "../../../context.js";
import { errors } from "../../../errors.js";
import {
  findTwilioConnection,
  type StoredTwilioConnection,
} from "../../../host/twilio-connection-store.js";
import {
  createTwilioClient,
  type TwilioClient,
} from "../../../twilio/client.js";

export interface ConnectedTwilio {
  connection: StoredTwilioConnection;
  client: TwilioClient;
}

/** Returns a Twilio client for the company's connection, or null. */
export async function findConnectedTwilio(
  ctx: AppContext,
  companyId: string,
): Promise<ConnectedTwilio | null> {
  const connection = await findTwilioConnection(ctx, companyId);
  if (!connection) return null;

  const client = createTwilioClient(connection, {
    apiBaseUrl: ctx.config.twilioApiBaseUrl,
    timeoutMs: ctx.config.twilioTimeoutMs,
  });

  return { connection, client };
}

/** Like findConnectedTwilio, but throws 409 when Twilio is not connected. */
export async function requireConnectedTwilio(
  ctx: AppContext,
  companyId: string,
): Promise<ConnectedTwilio> {
  const twilio = await findConnectedTwilio(ctx, companyId);
  if (!twilio) throw errors.twilioNotConnected();

  return twilio;
}
