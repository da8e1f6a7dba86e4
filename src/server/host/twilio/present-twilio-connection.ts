import type { TwilioConnection } from "../../../common/api.js";
import {
  maskSecret,
  type StoredTwilioConnection,
} from "../twilio-connection-store.js";

/** Shapes the connection for the settings page; the token only masked. */
export function presentTwilioConnection(
  connection: StoredTwilioConnection | null,
): TwilioConnection {
  if (!connection) {
    return {
      connected: false,
      accountSid: null,
      authTokenMasked: null,
      defaultNumber: null,
      updatedAt: null,
    };
  }

  return {
    connected: true,
    accountSid: connection.accountSid,
    authTokenMasked: maskSecret(connection.authToken),
    defaultNumber: connection.defaultNumber,
    updatedAt: connection.updatedAt,
  };
}
