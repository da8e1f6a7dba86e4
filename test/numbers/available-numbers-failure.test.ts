import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AvailableNumbers, InboxNumber } from "../../src/common/api.js";
import {
  addTwilioNumber,
  buildTenant,
  callApi,
  startInboxServer,
  type InboxServer,
} from "../inbox/inbox-fixture.js";
import {
  startTwilioFaultProxy,
  TWILIO_SERVER_ERROR,
  type TwilioFaultProxy,
} from "../support/twilio-fault-proxy.js";

const LIST_PATH = /^\/2010-04-01\/Accounts\/AC\w+\/IncomingPhoneNumbers\.json$/;

let proxy: TwilioFaultProxy;
let server: InboxServer;

beforeAll(async () => {
  proxy = await startTwilioFaultProxy();
  server = await startInboxServer({ TWILIO_API_BASE_URL: proxy.baseUrl });
  const { port } = server.sandbox.app.server.address() as AddressInfo;
  proxy.setTarget(`http://127.0.0.1:${port}`);
});

afterAll(async () => {
  await server.close();
  await proxy.close();
});

/** Returns whether a request lists all the account's numbers, not one. */
function isFullList(method: string, url: string): boolean {
  const [path = "", query = ""] = url.split("?");

  return (
    method === "GET" &&
    LIST_PATH.test(path) &&
    !new URLSearchParams(query).has("PhoneNumber")
  );
}

describe("available numbers when Twilio fails", () => {
  it("suggests typing after a server error", async () => {
    const tenant = await buildTenant(server);
    addTwilioNumber(server, tenant.account, "+14155550144");
    proxy.failRequests(isFullList, TWILIO_SERVER_ERROR);

    const listed = await callApi(
      server,
      tenant.owner,
      "GET",
      "/available-numbers",
    );
    const added = await callApi(server, tenant.owner, "POST", "/numbers", {
      body: { phoneNumber: "+14155550144" },
    });

    expect(proxy.faultedRequests()).toBe(1);
    expect(listed.json<AvailableNumbers>().ok).toBe(false);
    expect(listed.json<AvailableNumbers>().message).toMatch(
      /could not be loaded\. .+ Type the number instead\.$/,
    );
    // The lookup of one number does not use the failing list.
    expect(added.statusCode).toBe(201);
    expect(added.json<InboxNumber>().phoneNumber).toBe("+14155550144");
  });
});
