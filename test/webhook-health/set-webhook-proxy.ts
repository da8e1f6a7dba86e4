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
 * What the proxy does to the next IncomingPhoneNumbers update: reply with a
 * Twilio error, or close the connection without a response.
 */
export type UpdateFault =
  { kind: "error"; reply: TwilioErrorReply } | { kind: "reset" };

/**
 * An HTTP proxy in front of the sandbox that passes every request through,
 * except IncomingPhoneNumbers updates while a fault is planned. It makes
 * the update of "Set webhook" fail after its lookup succeeded.
 */
export interface UpdateFaultProxy {
  /** Origin to use as TWILIO_API_BASE_URL. */
  baseUrl: string;
  /** Sets where requests go, such as the sandbox's URL. */
  setTarget(url: string): void;
  /** Applies `fault` to every update until cleared with null. */
  failUpdates(fault: UpdateFault | null): void;
  /** Count of updates that received the planned fault. */
  faultedUpdates(): number;
  close(): Promise<void>;
}

const UPDATE_PATH =
  /^\/2010-04-01\/Accounts\/AC\w+\/IncomingPhoneNumbers\/PN\w+\.json$/;

/** Starts the proxy on a free loopback port. */
export async function startUpdateFaultProxy(): Promise<UpdateFaultProxy> {
  let target: URL | null = null;
  let fault: UpdateFault | null = null;
  let faulted = 0;

  const server = createServer((request, response) => {
    const isUpdate =
      request.method === "POST" &&
      UPDATE_PATH.test((request.url ?? "").split("?")[0] ?? "");
    if (isUpdate && fault) {
      faulted += 1;
      applyFault(fault, request, response);
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
    failUpdates: (next) => {
      fault = next;
    },
    faultedUpdates: () => faulted,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function applyFault(
  fault: UpdateFault,
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
