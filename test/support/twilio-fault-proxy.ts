import {
  createServer,
  request as forward,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";

/** A Twilio error response in Twilio's JSON shape. */
export interface TwilioErrorReply {
  status: number;
  code: number;
  message: string;
}

/**
 * What the proxy does to a matching request: reply with a Twilio error, or
 * close the connection without a response.
 */
export type RequestFault =
  { kind: "error"; reply: TwilioErrorReply } | { kind: "reset" };

/** Decides from the method and URL whether the proxy fails a request. */
export type RequestMatcher = (method: string, url: string) => boolean;

/** Twilio's reply to a request it failed on its side. */
export const TWILIO_SERVER_ERROR: RequestFault = {
  kind: "error",
  reply: { status: 500, code: 20500, message: "Internal Server Error" },
};

/**
 * An HTTP proxy in front of the sandbox that passes every request through,
 * except the requests a planned fault matches. It makes one Twilio call of
 * a flow fail while the calls before it succeed.
 */
export interface TwilioFaultProxy {
  /** Origin to use as TWILIO_API_BASE_URL. */
  baseUrl: string;
  /** Sets where requests go, such as the sandbox's URL. */
  setTarget(url: string): void;
  /** Applies `fault` to requests `matcher` matches, until cleared. */
  failRequests(matcher: RequestMatcher, fault: RequestFault): void;
  /** Applies `fault` to every IncomingPhoneNumbers update until cleared. */
  failUpdates(fault: RequestFault | null): void;
  /** Count of requests that received a planned fault. */
  faultedRequests(): number;
  close(): Promise<void>;
}

const UPDATE_PATH =
  /^\/2010-04-01\/Accounts\/AC\w+\/IncomingPhoneNumbers\/PN\w+\.json$/;

function isNumberUpdate(method: string, url: string): boolean {
  return method === "POST" && UPDATE_PATH.test(url.split("?")[0] ?? "");
}

/** Starts the proxy on a free loopback port. */
export async function startTwilioFaultProxy(): Promise<TwilioFaultProxy> {
  let target: URL | null = null;
  let planned: { matcher: RequestMatcher; fault: RequestFault } | null = null;
  let faulted = 0;

  const server = createServer((request, response) => {
    if (planned?.matcher(request.method ?? "GET", request.url ?? "")) {
      faulted += 1;
      applyFault(planned.fault, request, response);
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
    failRequests: (matcher, fault) => {
      planned = { matcher, fault };
    },
    failUpdates: (fault) => {
      planned = fault ? { matcher: isNumberUpdate, fault } : null;
    },
    faultedRequests: () => faulted,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function applyFault(
  fault: RequestFault,
  request: IncomingMessage,
  response: ServerResponse,
): void {
  // Reading the body first lets the client finish sending it.
  request.resume();
  request.on("end", () => {
    if (fault.kind === "reset") {
      request.socket.destroy();
      return;
    }

    const { reply } = fault;
    response.writeHead(reply.status, { "content-type": "application/json" });
    response.end(
      JSON.stringify({
        code: reply.code,
        message: reply.message,
        more_info: `https://www.twilio.com/docs/errors/${reply.code}`,
        status: reply.status,
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
