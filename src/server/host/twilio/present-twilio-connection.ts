import type { TwilioConnection } from "../../../common/api.js";
import {
  maskSecret,
  type StoredTwilioConnection,
} from "../twilio-connection-store.js";

/**
 * Shapes the connection for the settings page, with the token only masked
 * and `credentialsRejectedAt` from the stored credential finding.
 */
export function presentTwilioConnection(
  connection: StoredTwilioConnection | null,
  credentialsRejectedAt: string | null,
): TwilioConnection {
  if (!connection) {
    return {
      connected: false,
      accountSid: null,
      authTokenMasked: null,
      defaultNumber: null,
      updatedAt: null,
      credentialsRejectedAt: null,
    };
  }

  return {
    connected: true,
    accountSid: connection.accountSid,
    authTokenMasked: maskSecret(connection.authToken),
    defaultNumber: connection.defaultNumber,
    updatedAt: connection.updatedAt,
    credentialsRejectedAt,
  };
}
