import { mkdtemp, rm } from "node:fs/promises";
import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LightMyRequestResponse } from "fastify";
import type { BuiltStaff } from "../support/factories.js";
import {
  API,
  startInboxServer,
  type InboxServer,
} from "../inbox/inbox-fixture.js";

export interface MediaServer extends InboxServer {
  /** Origin of the sandbox, which is also TWILIO_API_BASE_URL. */
  sandboxUrl: string;
  /** DATA_DIR, a fresh temporary folder. */
  dataDir: string;
}

/**
 * Starts the sandbox and an app that uses it as Twilio, with uploads in a
 * temporary DATA_DIR. `env` overrides variables such as MEDIA_MAX_BYTES.
 */
export async function startMediaServer(
  env: Record<string, string> = {},
): Promise<MediaServer> {
  const dataDir = await mkdtemp(join(tmpdir(), "sms-inbox-media-"));
  const server = await startInboxServer({
    DATA_DIR: dataDir,
    MEDIA_FETCH_TIMEOUT_MS: "2000",
    ...env,
  });

  return {
    ...server,
    sandboxUrl: server.ctx.config.twilioApiBaseUrl,
    dataDir,
    close: async () => {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** GETs or HEADs a path of the app, as `staff` or signed out. */
export function getAs(
  server: Pick<InboxServer, "test">,
  staff: BuiltStaff | null,
  url: string,
  method: "GET" | "HEAD" = "GET",
): Promise<LightMyRequestResponse> {
  return server.test.app.inject({
    method,
    url,
    headers: staff ? { cookie: staff.cookie } : {},
  });
}

/** Fetches a message's attachment through the media proxy. */
export function fetchAttachment(
  server: Pick<InboxServer, "test">,
  staff: BuiltStaff | null,
  messageId: string,
  position: number,
): Promise<LightMyRequestResponse> {
  return getAs(server, staff, `${API}/media/${messageId}/${position}`);
}

export interface RecordedHit {
  url: string;
  authorization: string | undefined;
}

export interface FakeHost {
  origin: string;
  hits: RecordedHit[];
  close(): Promise<void>;
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** Starts a loopback HTTP server that records each request's auth header. */
export async function startFakeHost(handler: Handler): Promise<FakeHost> {
  const hits: RecordedHit[] = [];
  const server = createServer((request, response) => {
    hits.push({
      url: request.url ?? "",
      authorization: request.headers.authorization,
    });
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    origin: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Returns the HTTP Basic header for a Twilio account. */
export function basicAuth(accountSid: string, authToken: string): string {
  return `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}`;
}

/** A 1×1 transparent PNG. */
export const PNG_BYTES = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

/** The start of a JPEG file; the proxy does not decode images. */
export const JPEG_BYTES = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01,
]);
