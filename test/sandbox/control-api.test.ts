import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  controlRequest,
  startSandbox,
  type SandboxFixture,
} from "./support.js";

describe("sandbox control api", () => {
  let fixture: SandboxFixture;

  beforeEach(async () => {
    fixture = await startSandbox();
  });

  afterEach(async () => {
    await fixture.close();
  });

  test("created account works with sdk", async () => {
    const { baseUrl, clientFor } = fixture;

    const created = await controlRequest<{
      accountSid: string;
      authToken: string;
    }>(baseUrl, "POST", "/accounts", { friendlyName: "Rental shop" });
    const client = clientFor(created.body.accountSid, created.body.authToken);
    const account = await client.api.v2010
      .accounts(created.body.accountSid)
      .fetch();

    expect(created.status).toBe(201);
    expect(created.body.accountSid).toMatch(/^AC[0-9a-f]{32}$/);
    expect(created.body.authToken).toMatch(/^[0-9a-f]{32}$/);
    expect(account.friendlyName).toBe("Rental shop");
  });

  test("account with given credentials", async () => {
    const { baseUrl } = fixture;
    const accountSid = `AC${"1".repeat(32)}`;

    const created = await controlRequest(baseUrl, "POST", "/accounts", {
      accountSid,
      authToken: "a-known-token",
    });
    const duplicate = await controlRequest(baseUrl, "POST", "/accounts", {
      accountSid,
    });

    expect(created.body).toMatchObject({
      accountSid,
      authToken: "a-known-token",
    });
    expect(duplicate.status).toBe(409);
  });

  test("replaced auth token rejects the old one", async () => {
    const { baseUrl, account, clientFor } = fixture;
    const oldToken = account.authToken;

    const replaced = await controlRequest<{ authToken: string }>(
      baseUrl,
      "PUT",
      `/accounts/${account.sid}/auth-token`,
      {},
    );
    const oldClient = clientFor(account.sid, oldToken);
    const newClient = clientFor(account.sid, replaced.body.authToken);
    const failure = await oldClient.api.v2010
      .accounts(account.sid)
      .fetch()
      .catch((error: unknown) => error);
    const fetched = await newClient.api.v2010.accounts(account.sid).fetch();

    expect(replaced.status).toBe(200);
    expect(replaced.body.authToken).toMatch(/^[0-9a-f]{32}$/);
    expect(replaced.body.authToken).not.toBe(oldToken);
    expect(failure).toMatchObject({ status: 401, code: 20003 });
    expect(fetched.sid).toBe(account.sid);
  });

  test("auth token can be set to a given value", async () => {
    const { baseUrl, account } = fixture;

    const replaced = await controlRequest<{ authToken: string }>(
      baseUrl,
      "PUT",
      `/accounts/${account.sid}/auth-token`,
      { authToken: "a-chosen-token" },
    );
    const tooShort = await controlRequest(
      baseUrl,
      "PUT",
      `/accounts/${account.sid}/auth-token`,
      { authToken: "short" },
    );

    expect(replaced.body.authToken).toBe("a-chosen-token");
    expect(tooShort.status).toBe(400);
  });

  test("added number appears in sdk list", async () => {
    const { baseUrl, client, account } = fixture;

    const added = await controlRequest(
      baseUrl,
      "POST",
      `/accounts/${account.sid}/numbers`,
      {
        phoneNumber: "+14155550133",
        friendlyName: "Shop",
        capabilities: { mms: false },
        smsUrl: "https://inbox.example.com/hook",
      },
    );
    const listed = await client.incomingPhoneNumbers.list({
      phoneNumber: "+14155550133",
    });

    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      phone_number: "+14155550133",
      capabilities: { sms: true, mms: false, voice: true, fax: false },
      sms_url: "https://inbox.example.com/hook",
    });
    expect(listed.map((number) => number.sid)).toEqual([added.body.sid]);
  });

  test("invalid number names the field", async () => {
    const { baseUrl, account } = fixture;

    const response = await controlRequest(
      baseUrl,
      "POST",
      `/accounts/${account.sid}/numbers`,
      {
        phoneNumber: "415 555 0133",
      },
    );

    expect(response.status).toBe(400);
    expect(response.body.error).toMatch(
      /^Invalid request: phoneNumber must be an E\.164 number/,
    );
  });

  test("unknown account returns 404", async () => {
    const { baseUrl } = fixture;

    const response = await controlRequest(
      baseUrl,
      "POST",
      `/accounts/AC${"2".repeat(32)}/numbers`,
      {
        phoneNumber: "+14155550133",
      },
    );

    expect(response.status).toBe(404);
  });

  test("messages list filters by direction", async () => {
    const { baseUrl, client, number, account } = fixture;
    await client.messages.create({
      to: "+14155550199",
      from: number.phoneNumber,
      body: "Out",
    });
    await controlRequest(baseUrl, "POST", "/inbound", {
      from: "+14155550199",
      to: number.phoneNumber,
      body: "In",
    });

    const outbound = await controlRequest<{ messages: { body: string }[] }>(
      baseUrl,
      "GET",
      `/messages?direction=outbound&accountSid=${account.sid}`,
    );
    const all = await controlRequest<{ messages: { body: string }[] }>(
      baseUrl,
      "GET",
      "/messages",
    );

    expect(outbound.body.messages.map((message) => message.body)).toEqual([
      "Out",
    ]);
    expect(all.body.messages.map((message) => message.body)).toEqual([
      "Out",
      "In",
    ]);
  });

  test("opt-outs are replaced and read", async () => {
    const { baseUrl, account } = fixture;
    const path = `/accounts/${account.sid}/opt-outs`;

    await controlRequest(baseUrl, "PUT", path, {
      phoneNumbers: ["+14155550101"],
    });
    await controlRequest(baseUrl, "PUT", path, {
      phoneNumbers: ["+14155550102"],
    });
    const read = await controlRequest(baseUrl, "GET", path);

    expect(read.body).toEqual({
      phoneNumbers: ["+14155550102"],
      senderOptOuts: [],
    });
  });

  test("faults can be read and cleared", async () => {
    const { baseUrl } = fixture;

    const set = await controlRequest(baseUrl, "PUT", "/faults", {
      undelivered: { count: 2 },
    });
    const cleared = await controlRequest(baseUrl, "DELETE", "/faults");

    expect(set.body).toEqual({
      createMessage: null,
      undelivered: { count: 2, errorCode: 30003 },
    });
    expect(cleared.body).toEqual({ createMessage: null, undelivered: null });
  });

  test("control api ignores twilio credentials", async () => {
    const { baseUrl, account } = fixture;
    const credentials = Buffer.from(`${account.sid}:${account.authToken}`);

    const twilioShaped = await fetch(
      `${baseUrl}/2010-04-01/Accounts/${account.sid}/sandbox/api/accounts`,
      {
        headers: { Authorization: `Basic ${credentials.toString("base64")}` },
      },
    );
    const control = await fetch(`${baseUrl}/sandbox/api/accounts`);

    expect(twilioShaped.status).toBe(404);
    expect(control.status).toBe(200);
  });
});
