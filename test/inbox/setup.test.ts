import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboxSetup } from "../../src/common/api.js";
import {
  buildTenant,
  callApi,
  DEFAULT_NUMBER,
  SECOND_NUMBER,
  seedInboxNumber,
  startInboxServer,
  type InboxServer,
} from "./inbox-fixture.js";

let server: InboxServer;

beforeAll(async () => {
  server = await startInboxServer();
});

afterAll(async () => {
  await server.close();
});

describe("setup info", () => {
  it("returns webhook URLs and numbers", async () => {
    const tenant = await buildTenant(server);
    const numberId = await seedInboxNumber(server, tenant, SECOND_NUMBER);

    const response = await callApi(server, tenant.owner, "GET", "/setup");

    expect(response.statusCode).toBe(200);
    expect(response.json<InboxSetup>()).toEqual({
      webhookUrl: `https://inbox.example.com/v1/plugins/sms-chat/webhook/${tenant.company.webhookToken}`,
      legacyWebhookUrl: "https://inbox.example.com/v1/plugins/sms-chat/webhook",
      previousTokenValidUntil: null,
      webhookUrlProblem: null,
      twilioConnected: true,
      numbers: [
        {
          id: "default",
          phoneNumber: DEFAULT_NUMBER,
          name: null,
          isDefault: true,
        },
        {
          id: numberId,
          phoneNumber: SECOND_NUMBER,
          name: null,
          isDefault: false,
        },
      ],
      enabledLocationIds: [tenant.enabledLocationId],
    });
  });

  it("shows Twilio not connected", async () => {
    const tenant = await buildTenant(server, { connect: false });

    const response = await callApi(server, tenant.owner, "GET", "/setup");
    const setup = response.json<InboxSetup>();

    expect(setup.twilioConnected).toBe(false);
    expect(setup.numbers).toEqual([]);
  });
});
