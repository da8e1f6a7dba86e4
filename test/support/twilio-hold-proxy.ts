import {
  createServer,
  request as forward,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";

/** Decides from the method and URL whether the proxy holds a request. */
export type HoldMatcher = (method: string, url: string) => boolean;

/**
 * An HTTP proxy in front of the sandbox that passes every request through,
 * but can hold one request until the test releases it. A test uses it to
 * let other requests finish while one flow waits for Twilio.
 */
export interface TwilioHoldProxy {
  /** Origin to use as TWILIO_API_BASE_URL. */
  baseUrl: string;
  /** Sets where requests go, such as the sandbox's URL. */
  setTarget(url: string): void;
  /**
   * Holds the next request that `matcher` matches. Resolves when that
   * request arrives; later matching requests pass through.
   */
  holdNext(matcher: HoldMatcher): Promise<void>;
  /** Forwards the held request, or the next one if none arrived yet. */
  release(): void;
  close(): Promise<void>;
}

interface Hold {
  matcher: HoldMatcher;
  arrived: () => void;
  released: Promise<void>;
}

/** Starts the proxy on a free loopback port. */
export async function startTwilioHoldProxy(): Promise<TwilioHoldProxy> {
  let target: URL | null = null;
  let hold: Hold | null = null;

  const server = createServer((request, response) => {
    const method = request.method ?? "GET";
    const url = request.url ?? "";
    const planned = hold;
    if (planned?.matcher(method, url)) {
      hold = null;
      planned.arrived();
      void planned.released.then(() => send(target, request, response));
      return;
    }

    send(target, request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  let release: () => void = () => undefined;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    setTarget: (url) => {
      target = new URL(url);
    },
    holdNext: (matcher) =>
      new Promise<void>((arrived) => {
        const released = new Promise<void>((resolve) => {
          release = resolve;
        });
        hold = { matcher, arrived, released };
      }),
    release: () => release(),
    close: () =>
      new Promise<void>((resolve) => {
        release();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(
  target: URL | null,
  request: IncomingMessage,
  response: ServerResponse,
): void {
  if (!target) {
    response.writeHead(502).end("The proxy has no target.");
    return;
  }

  const outgoing = forward(
    {
      hostname: target.hostname,
      port: target.port,
      method: request.method,
      path: request.url,
      headers: { ...request.headers, host: target.host },
    },
    (upstream) => {
      response.writeHead(upstream.statusCode ?? 502, upstream.headers);
      upstream.pipe(response);
    },
  );
  outgoing.on("error", () => request.socket.destroy());
  request.pipe(outgoing);
}
