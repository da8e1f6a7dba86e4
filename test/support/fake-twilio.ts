import { createServer } from "node:net";
import Fastify, { type FastifyReply, type FastifyRequest } from "fastify";

/**
 * A tiny stand-in for the parts of Twilio's REST API that the connection
 * test calls: fetch an account and list its incoming phone numbers. Errors
 * use Twilio's legacy JSON shape, so the twilio package throws RestException.
 */
export interface FakeTwilioAccount {
  sid: string;
  authToken: string;
  friendlyName: string;
  numbers: { phoneNumber: string; sms: boolean }[];
}

export interface FakeTwilio {
  /** Origin to use as TWILIO_API_BASE_URL, such as http://127.0.0.1:40123. */
  baseUrl: string;
  /** Paths of the requests received, in order. */
  requests: string[];
  close(): Promise<void>;
}

export async function startFakeTwilio(
  accounts: FakeTwilioAccount[],
  options: { delayMs?: number } = {},
): Promise<FakeTwilio> {
  const app = Fastify({ logger: false });
  const requests: string[] = [];

  app.addHook("onRequest", async (request) => {
    requests.push(request.url.split("?")[0] ?? request.url);
    if (options.delayMs) await sleep(options.delayMs);
  });

  app.get<{ Params: { sid: string } }>(
    "/2010-04-01/Accounts/:sid.json",
    async (request, reply) => {
      const account = authenticate(accounts, request, reply);
      if (!account) return reply;

      return {
        sid: account.sid,
        friendly_name: account.friendlyName,
        status: "active",
        type: "Full",
      };
    },
  );

  app.get<{
    Params: { sid: string };
    Querystring: { PhoneNumber?: string };
  }>(
    "/2010-04-01/Accounts/:sid/IncomingPhoneNumbers.json",
    async (request, reply) => {
      const account = authenticate(accounts, request, reply);
      if (!account) return reply;

      const requested = request.query.PhoneNumber;
      const numbers = account.numbers.filter(
        (number) => requested === undefined || number.phoneNumber === requested,
      );

      return numberPage(account, numbers);
    },
  );

  const address = await app.listen({ host: "127.0.0.1", port: 0 });

  return { baseUrl: address, requests, close: () => app.close() };
}

/** Checks HTTP Basic credentials; replies 401 with code 20003 when wrong. */
function authenticate(
  accounts: FakeTwilioAccount[],
  request: FastifyRequest<{ Params: { sid: string } }>,
  reply: FastifyReply,
): FakeTwilioAccount | null {
  const header = request.headers.authorization ?? "";
  const decoded = Buffer.from(header.replace(/^Basic /, ""), "base64");
  const [user, password] = decoded.toString("utf8").split(":");
  const account = accounts.find(
    (candidate) =>
      candidate.sid === user &&
      candidate.authToken === password &&
      candidate.sid === request.params.sid,
  );
  if (account) return account;

  void reply.code(401).send({
    code: 20003,
    message: "Authenticate",
    more_info: "https://www.twilio.com/docs/errors/20003",
    status: 401,
  });

  return null;
}

function numberPage(
  account: FakeTwilioAccount,
  numbers: FakeTwilioAccount["numbers"],
) {
  const uri = `/2010-04-01/Accounts/${account.sid}/IncomingPhoneNumbers.json`;

  return {
    first_page_uri: `${uri}?PageSize=50&Page=0`,
    next_page_uri: null,
    previous_page_uri: null,
    page: 0,
    page_size: 50,
    start: 0,
    end: Math.max(numbers.length - 1, 0),
    uri,
    incoming_phone_numbers: numbers.map((number, index) => ({
      account_sid: account.sid,
      sid: `PN${String(index).padStart(32, "0")}`,
      phone_number: number.phoneNumber,
      friendly_name: number.phoneNumber,
      capabilities: { sms: number.sms, mms: false, voice: true, fax: false },
      sms_url: "",
      sms_method: "POST",
    })),
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Returns the URL of a loopback port that nothing listens on. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));

  return `http://127.0.0.1:${port}`;
}
