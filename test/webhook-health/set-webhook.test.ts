import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  NumberWebhookHealth,
  SetWebhooksResult,
} from "../../src/common/webhook-health-api.js";
import { auditActions } from "../../src/server/host/audit/audit-actions.js";
import {
  addTwilioNumber,
  buildTenant,
  callApi,
  DEFAULT_NUMBER,
  errorCode,
  SECOND_NUMBER,
  seedInboxNumber,
  startInboxServer,
  type InboxServer,
} from "../inbox/inbox-fixture.js";
import {
  auditRows,
  currentTokenUrl,
  errorMessage,
  LEGACY_URL,
  pointNumberAt,
  sandboxNumber,
} from "./health-fixture.js";

let server: InboxServer;

beforeAll(async () => {
  server = await startInboxServer();
});

afterAll(async () => {
  await server.close();
});

describe("set webhook", () => {
  it("points an added number at the token URL", async () => {
    const tenant = await buildTenant(server);
    const numberId = await seedInboxNumber(server, tenant, SECOND_NUMBER);
    const number = sandboxNumber(server, tenant, SECOND_NUMBER);
    pointNumberAt(number, "https://other.example.net/sms", "GET");
    const tokenUrl = await currentTokenUrl(server, tenant);

    const response = await callApi(
      server,
      tenant.owner,
      "POST",
      `/setup/numbers/${numberId}/webhook`,
      { body: { expectedSmsUrl: "https://other.example.net/sms" } },
    );
    const health = response.json<NumberWebhookHealth>();

    expect(response.statusCode).toBe(200);
    expect(health.state).toBe("ok");
    expect(health.smsUrl).toBe(tokenUrl);
    expect(number.smsUrl).toBe(tokenUrl);
    expect(number.smsMethod).toBe("POST");
  });

  it("sets the default number found by its phone number", async () => {
    const tenant = await buildTenant(server);
    const number = sandboxNumber(server, tenant);
    pointNumberAt(number, "");

    const response = await callApi(
      server,
      tenant.owner,
      "POST",
      "/setup/numbers/default/webhook",
      { body: { expectedSmsUrl: "" } },
    );

    expect(response.statusCode).toBe(200);
    expect(number.smsUrl).toBe(await currentTokenUrl(server, tenant));
  });

  it("records an audit entry without the token", async () => {
    const tenant = await buildTenant(server);
    pointNumberAt(sandboxNumber(server, tenant), LEGACY_URL);
    const token = (await currentTokenUrl(server, tenant)).split("/").pop();

    await callApi(
      server,
      tenant.owner,
      "POST",
      "/setup/numbers/default/webhook",
      {
        body: { expectedSmsUrl: LEGACY_URL },
      },
    );
    const rows = await auditRows(server, tenant, auditActions.webhookSet);

    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row?.actor_staff_id).toBe(tenant.owner.id);
    expect(row?.target_label).toBe(DEFAULT_NUMBER);
    expect(JSON.parse(row?.details ?? "{}")).toEqual({
      phoneNumber: DEFAULT_NUMBER,
      previousSmsUrl: LEGACY_URL,
      previousSmsMethod: "POST",
      newSmsUrl: `${LEGACY_URL}/****`,
      newSmsMethod: "POST",
    });
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(row)).not.toContain(token);
  });

  it("masks a replaced token URL in the audit entry", async () => {
    const tenant = await buildTenant(server);
    const staleUrl = `${LEGACY_URL}/ffffffffffffffffffffffffffffffff`;
    pointNumberAt(sandboxNumber(server, tenant), staleUrl);

    await callApi(
      server,
      tenant.owner,
      "POST",
      "/setup/numbers/default/webhook",
      {
        body: { expectedSmsUrl: staleUrl },
      },
    );
    const [row] = await auditRows(server, tenant, auditActions.webhookSet);

    expect(row?.details).toContain(`"previousSmsUrl":"${LEGACY_URL}/****"`);
    expect(row?.details).not.toContain("ffffffff");
  });

  it("rejects a stale expected URL with 409", async () => {
    const tenant = await buildTenant(server);
    const number = sandboxNumber(server, tenant);
    pointNumberAt(number, "https://changed.example.net/sms");

    const response = await callApi(
      server,
      tenant.owner,
      "POST",
      "/setup/numbers/default/webhook",
      { body: { expectedSmsUrl: "https://other.example.net/sms" } },
    );

    expect(response.statusCode).toBe(409);
    expect(errorCode(response)).toBe("webhook_changed");
    expect(errorMessage(response)).toContain("https://changed.example.net/sms");
    expect(number.smsUrl).toBe("https://changed.example.net/sms");
    expect(await auditRows(server, tenant, auditActions.webhookSet)).toEqual(
      [],
    );
  });

  it("rejects staff without Manage company", async () => {
    const tenant = await buildTenant(server);
    const number = sandboxNumber(server, tenant);
    pointNumberAt(number, "");

    const response = await callApi(
      server,
      tenant.viewer,
      "POST",
      "/setup/numbers/default/webhook",
      { body: { expectedSmsUrl: "" } },
    );

    expect(response.statusCode).toBe(403);
    expect(errorCode(response)).toBe("missing_permission");
    expect(number.smsUrl).toBe("");
  });

  it("cannot set another company's number", async () => {
    const tenantA = await buildTenant(server);
    const tenantB = await buildTenant(server);
    const numberIdB = await seedInboxNumber(server, tenantB, SECOND_NUMBER);
    const numberB = sandboxNumber(server, tenantB, SECOND_NUMBER);
    pointNumberAt(numberB, "");

    const response = await callApi(
      server,
      tenantA.owner,
      "POST",
      `/setup/numbers/${numberIdB}/webhook`,
      { body: { expectedSmsUrl: "" } },
    );

    expect(response.statusCode).toBe(404);
    expect(numberB.smsUrl).toBe("");
    expect(await auditRows(server, tenantA, auditActions.webhookSet)).toEqual(
      [],
    );
  });

  it("refuses a number without SMS", async () => {
    const tenant = await buildTenant(server);
    const numberId = await seedInboxNumber(server, tenant, SECOND_NUMBER);
    const number = sandboxNumber(server, tenant, SECOND_NUMBER);
    number.capabilities.sms = false;

    const response = await callApi(
      server,
      tenant.owner,
      "POST",
      `/setup/numbers/${numberId}/webhook`,
      { body: { expectedSmsUrl: "" } },
    );

    expect(response.statusCode).toBe(409);
    expect(errorCode(response)).toBe("number_not_sms_capable");
    expect(number.smsUrl).toBe("");
  });

  it("refuses a number not on the account", async () => {
    const tenant = await buildTenant(server);
    const numberId = await seedInboxNumber(server, tenant, SECOND_NUMBER);
    server.sandbox.state.releaseNumber(
      tenant.account.sid,
      sandboxNumber(server, tenant, SECOND_NUMBER).sid,
    );

    const response = await callApi(
      server,
      tenant.owner,
      "POST",
      `/setup/numbers/${numberId}/webhook`,
      { body: { expectedSmsUrl: "" } },
    );

    expect(response.statusCode).toBe(409);
    expect(errorCode(response)).toBe("number_not_on_account");
    expect(errorMessage(response)).toContain(tenant.account.sid);
  });

  it("sets every number that needs it", async () => {
    const tenant = await buildTenant(server);
    const secondId = await seedInboxNumber(server, tenant, SECOND_NUMBER);
    const thirdId = await seedInboxNumber(server, tenant, "+14155550122");
    pointNumberAt(sandboxNumber(server, tenant), LEGACY_URL, "GET");
    pointNumberAt(sandboxNumber(server, tenant, SECOND_NUMBER), "");
    pointNumberAt(
      sandboxNumber(server, tenant, "+14155550122"),
      "https://moved.example.net/",
    );
    const tokenUrl = await currentTokenUrl(server, tenant);

    const response = await callApi(
      server,
      tenant.owner,
      "POST",
      "/setup/webhooks",
      {
        body: {
          numbers: [
            { numberId: "default", expectedSmsUrl: LEGACY_URL },
            { numberId: secondId, expectedSmsUrl: "" },
            { numberId: thirdId, expectedSmsUrl: "https://stale.example.net/" },
          ],
        },
      },
    );
    const { results } = response.json<SetWebhooksResult>();

    expect(response.statusCode).toBe(200);
    expect(results.map((result) => result.health?.state ?? null)).toEqual([
      "ok",
      "ok",
      null,
    ]);
    expect(results[2]?.error?.code).toBe("webhook_changed");
    expect(sandboxNumber(server, tenant).smsUrl).toBe(tokenUrl);
    expect(sandboxNumber(server, tenant).smsMethod).toBe("POST");
    expect(sandboxNumber(server, tenant, SECOND_NUMBER).smsUrl).toBe(tokenUrl);
    expect(sandboxNumber(server, tenant, "+14155550122").smsUrl).toBe(
      "https://moved.example.net/",
    );
    expect(
      await auditRows(server, tenant, auditActions.webhookSet),
    ).toHaveLength(2);
  });

  it("rejects an empty bulk request", async () => {
    const tenant = await buildTenant(server);

    const response = await callApi(
      server,
      tenant.owner,
      "POST",
      "/setup/webhooks",
      {
        body: { numbers: [] },
      },
    );

    expect(response.statusCode).toBe(400);
  });

  it("leaves a number of another account alone", async () => {
    const tenant = await buildTenant(server);
    const otherAccount = server.sandbox.state.createAccount();
    addTwilioNumber(server, otherAccount, DEFAULT_NUMBER);
    const foreign = server.sandbox.state.numbersOf(otherAccount.sid)[0];
    if (!foreign) throw new Error("no number");
    server.sandbox.state.releaseNumber(
      tenant.account.sid,
      sandboxNumber(server, tenant).sid,
    );

    const response = await callApi(
      server,
      tenant.owner,
      "POST",
      "/setup/numbers/default/webhook",
      { body: { expectedSmsUrl: "" } },
    );

    expect(response.statusCode).toBe(409);
    expect(errorCode(response)).toBe("number_not_on_account");
    expect(foreign.smsUrl).toBe("");
  });
});
