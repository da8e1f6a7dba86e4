import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import {
  createTwilioClient,
  type TwilioClient,
} from "../../src/server/twilio/client.js";
import {
  createSandbox,
  type Sandbox,
  type SandboxOptions,
} from "../../src/sandbox/sandbox-server.js";
import type {
  SandboxAccount,
  SandboxNumber,
} from "../../src/sandbox/state-types.js";

export interface SandboxFixture {
  sandbox: Sandbox;
  baseUrl: string;
  account: SandboxAccount;
  /** An SMS-capable number of `account`, +14155550100. */
  number: SandboxNumber;
  /** The real twilio SDK, pointed at the sandbox. */
  client: TwilioClient;
  clientFor(accountSid: string, authToken: string): TwilioClient;
  close(): Promise<void>;
}

/** Starts a sandbox on a random loopback port with one account and number. */
export async function startSandbox(
  options: SandboxOptions = {},
): Promise<SandboxFixture> {
  const sandbox = await createSandbox({
    logLevel: "silent",
    statusStepDelayMs: 20,
    webhookTimeoutMs: 2000,
    ...options,
  });
  const baseUrl = await sandbox.listen(0, "127.0.0.1");
  const account = sandbox.state.createAccount({ friendlyName: "Test shop" });
  const number = sandbox.state.addNumber(account.sid, {
    phoneNumber: "+14155550100",
  });
  const clientFor = (accountSid: string, authToken: string) =>
    createTwilioClient(
      { accountSid, authToken },
      { apiBaseUrl: baseUrl, timeoutMs: 5000 },
    );

  return {
    sandbox,
    baseUrl,
    account,
    number,
    client: clientFor(account.sid, account.authToken),
    clientFor,
    close: () => sandbox.close(),
  };
}

export interface ReceivedRequest {
  method: string;
  /** Path and query string, as the request line carried them. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  form: Record<string, string>;
}

export interface ReceiverReply {
  status: number;
  contentType: string;
  body: string;
}

export interface Receiver {
  /** The receiver's origin, such as http://127.0.0.1:40123. */
  origin: string;
  requests: ReceivedRequest[];
  /** Resolves once `count` requests have arrived; rejects after 3 s. */
  waitForRequests(count: number): Promise<ReceivedRequest[]>;
  close(): Promise<void>;
}

const emptyTwiml = {
  status: 200,
  contentType: "text/xml",
  body: '<?xml version="1.0" encoding="UTF-8"?><Response/>',
};

/** Starts an HTTP server on loopback that records what the sandbox sends. */
export async function startReceiver(
  reply: (request: ReceivedRequest) => ReceiverReply = () => emptyTwiml,
): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const received: ReceivedRequest = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body,
        form: Object.fromEntries(new URLSearchParams(body)),
      };
      requests.push(received);
      const answer = reply(received);
      res.writeHead(answer.status, { "Content-Type": answer.contentType });
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    waitForRequests: (count) =>
      waitUntil(() => (requests.length >= count ? requests : undefined)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Polls `probe` every 10 ms until it returns a value; rejects after 3 s. */
export async function waitUntil<T>(probe: () => T | undefined): Promise<T> {
  const deadline = Date.now() + 3000;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;

    if (Date.now() > deadline) throw new Error("Timed out waiting in a test.");

    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Sends a JSON request to the sandbox's control API. */
export async function controlRequest<T = Record<string, unknown>>(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${baseUrl}/sandbox/api${path}`, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

  return { status: response.status, body: (await response.json()) as T };
}

/** Returns the error a promise rejects with; fails when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("Expected the promise to reject, but it resolved.");
}
