import {
  createServer,
  request as forward,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";

/** Decides from the method and URL whether the proxy fails a request. */
export type RequestMatcher = (method: string, url: string) => boolean;

/**
 * An HTTP proxy in front of the sandbox that replies to matching requests
 * with a Twilio 500 error (code 20500) and passes every other request on.
 */
export interface RequestFaultProxy {
  /** Origin to use as TWILIO_API_BASE_URL. */
  baseUrl: string;
  setTarget(url: string): void;
  /** Fails requests that `matcher` matches, until cleared with null. */
  failRequests(matcher: RequestMatcher | null): void;
  /** Count of requests that were failed. */
  failedRequests(): number;
  close(): Promise<void>;
}

/** Starts the proxy on a free loopback port. */
export async function startRequestFaultProxy(): Promise<RequestFaultProxy> {
  let target: URL | null = null;
  let matcher: RequestMatcher | null = null;
  let failed = 0;

  const server = createServer((request, response) => {
    if (matcher?.(request.method ?? "GET", request.url ?? "")) {
      failed += 1;
      replyWithError(request, response);
      return;
    }

    if (!target) {
      response.writeHead(502).end("The proxy has no target.");
      return;
    }

    passThrough(target, request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    setTarget: (url) => {
      target = new URL(url);
    },
    failRequests: (next) => {
      matcher = next;
    },
    failedRequests: () => failed,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function replyWithError(request: IncomingMessage, response: ServerResponse) {
  request.resume();
  request.on("end", () => {
    response.writeHead(500, { "content-type": "application/json" });
    response.end(
      JSON.stringify({
        code: 20500,
        message: "Internal Server Error",
        more_info: "https://www.twilio.com/docs/errors/20500",
        status: 500,
      }),
    );
  });
}

function passThrough(
  target: URL,
  request: IncomingMessage,
  response: ServerResponse,
): void {
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
