import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  buildTestApp,
  type TestApp,
} from "../../../../test/support/context.js";
import {
  buildCompany,
  buildStaff,
  type BuiltCompany,
  type BuiltStaff,
} from "../../../../test/support/factories.js";
import {
  closedPortUrl,
  startFakeTwilio,
  type FakeTwilio,
} from "../../../../test/support/fake-twilio.js";
import { findTwilioConnection } from "../twilio-connection-store.js";

const SID = `AC${"a1".repeat(16)}`;
const TOKEN = "0123456789abcdef0123456789abcdef";
const OTHER_SID = `AC${"b2".repeat(16)}`;
const OTHER_TOKEN = "fedcba9876543210fedcba9876543210";

let fake: FakeTwilio;
let t: TestApp;
let company: BuiltCompany;
let owner: BuiltStaff;

beforeEach(async () => {
  fake = await startFakeTwilio([
    {
      sid: SID,
      authToken: TOKEN,
      friendlyName: "Acme Tours",
      numbers: [
        { phoneNumber: "+14155550100", sms: true },
        { phoneNumber: "+14155550199", sms: true },
        { phoneNumber: "+14155550111", sms: false },
        { phoneNumber: "+447700900123", sms: true },
      ],
    },
    {
      sid: OTHER_SID,
      authToken: OTHER_TOKEN,
      friendlyName: "Acme Rentals",
      numbers: [{ phoneNumber: "+14155550200", sms: true }],
    },
  ]);
  t = await buildTestApp({ TWILIO_API_BASE_URL: fake.baseUrl });
  company = await buildCompany(t.ctx);
  owner = await buildStaff(t.ctx, company);
});

afterEach(async () => {
  await t.close();
  await fake.close();
});

function putTwilio(payload: unknown, headers = owner.headers) {
  return t.app.inject({
    method: "PUT",
    url: "/api/company/twilio",
    headers: { ...headers, "content-type": "application/json" },
    payload: JSON.stringify(payload),
  });
}

function getTwilio(headers = owner.headers) {
  return t.app.inject({ url: "/api/company/twilio", headers });
}

const valid = {
  accountSid: SID,
  authToken: TOKEN,
  defaultNumber: "+14155550100",
};

describe("GET /api/company/twilio", () => {
  test("not connected at first", async () => {
    const response = await getTwilio();

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      connected: false,
      accountSid: null,
      authTokenMasked: null,
      defaultNumber: null,
      updatedAt: null,
      credentialsRejectedAt: null,
    });
  });

  test("other company's connection stays hidden", async () => {
    await putTwilio(valid);
    const ownerB = await buildStaff(t.ctx, await buildCompany(t.ctx));

    const response = await getTwilio(ownerB.headers);

    expect(response.json().connected).toBe(false);
    expect(response.body).not.toContain(SID);
  });
});

describe("PUT /api/company/twilio", () => {
  test("saves and masks the token", async () => {
    const response = await putTwilio(valid);

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      connected: true,
      accountSid: SID,
      authTokenMasked: `${"•".repeat(28)}cdef`,
      defaultNumber: "+14155550100",
      updatedAt: expect.any(String),
      credentialsRejectedAt: null,
      notices: [],
    });
    expect(response.body).not.toContain(TOKEN);
    expect((await getTwilio()).body).not.toContain(TOKEN);
  });

  test("token is encrypted at rest", async () => {
    await putTwilio(valid);

    const row = await t.ctx.db
      .selectFrom("twilio_connections")
      .selectAll()
      .where("company_id", "=", company.id)
      .executeTakeFirstOrThrow();

    expect(row.auth_token_encrypted).not.toContain(TOKEN);
    expect(row.auth_token_encrypted).toMatch(/^v1\./);
    const stored = await findTwilioConnection(t.ctx, company.id);
    expect(stored?.authToken).toBe(TOKEN);
  });

  test("national number uses company country", async () => {
    const gb = await buildCompany(t.ctx, { country: "GB" });
    const gbOwner = await buildStaff(t.ctx, gb);

    const response = await putTwilio(
      { ...valid, defaultNumber: "07700 900123" },
      gbOwner.headers,
    );

    expect(response.json().defaultNumber).toBe("+447700900123");
  });

  test("omitted token keeps the stored one", async () => {
    await putTwilio(valid);

    const response = await putTwilio({
      accountSid: SID,
      defaultNumber: "(415) 555-0199",
    });

    expect(response.statusCode).toBe(200);
    expect(response.json().defaultNumber).toBe("+14155550199");
    const stored = await findTwilioConnection(t.ctx, company.id);
    expect(stored?.authToken).toBe(TOKEN);
  });

  test("token required the first time", async () => {
    const response = await putTwilio({
      accountSid: SID,
      defaultNumber: "+14155550100",
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe("authToken");
    expect(response.json().error.message).toMatch(/first time/);
  });

  test("new account sid needs a token", async () => {
    await putTwilio(valid);

    const response = await putTwilio({
      accountSid: OTHER_SID,
      defaultNumber: "+14155550200",
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe("authToken");
  });

  test.each([
    ["accountSid", { accountSid: "AC123" }, /AC followed by 32/],
    ["accountSid", { accountSid: `SK${"a".repeat(32)}` }, /AC followed by 32/],
    ["authToken", { authToken: "z".repeat(32) }, /32 hexadecimal/],
    [
      "defaultNumber",
      { defaultNumber: "12" },
      /national number of the company's country, United States\./,
    ],
    ["defaultNumber", { defaultNumber: "" }, /Enter the number/],
  ])("invalid %s is explained", async (field, override, message) => {
    const response = await putTwilio({ ...valid, ...override });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe(field);
    expect(response.json().error.message).toMatch(message);
  });
});

describe("PUT /api/company/twilio checks with twilio", () => {
  /** Returns the stored connection, to check that a rejection kept it. */
  const stored = () => findTwilioConnection(t.ctx, company.id);

  test("checks the account before storing", async () => {
    const response = await putTwilio(valid);

    expect(response.statusCode).toBe(200);
    expect(fake.requests).toEqual([
      `/2010-04-01/Accounts/${SID}.json`,
      `/2010-04-01/Accounts/${SID}/IncomingPhoneNumbers.json`,
    ]);
  });

  test("rejected credentials store nothing", async () => {
    const response = await putTwilio({ ...valid, authToken: OTHER_TOKEN });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe("authToken");
    expect(response.json().error.message).toBe(
      "authToken: Twilio rejected this Account SID and auth token (Twilio error 20003). Copy both again from the Twilio Console. Nothing was saved.",
    );
    expect(await stored()).toBeNull();
  });

  test("rejected credentials keep the old connection", async () => {
    await putTwilio(valid);

    const response = await putTwilio({
      accountSid: OTHER_SID,
      authToken: TOKEN,
      defaultNumber: "+14155550200",
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe("authToken");
    expect(await stored()).toMatchObject({
      accountSid: SID,
      authToken: TOKEN,
      defaultNumber: "+14155550100",
    });
  });

  test("number from another account is refused", async () => {
    const response = await putTwilio({
      ...valid,
      defaultNumber: "+14155550200",
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe("defaultNumber");
    expect(response.json().error.message).toBe(
      "defaultNumber: +14155550200 is not a number on this Twilio account. Enter one of the account's numbers as the default number.",
    );
    expect(await stored()).toBeNull();
  });

  test("number without sms is refused", async () => {
    const response = await putTwilio({
      ...valid,
      defaultNumber: "+14155550111",
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe("defaultNumber");
    expect(response.json().error.message).toMatch(/cannot send or receive SMS/);
    expect(await stored()).toBeNull();
  });

  test("kept token is checked with the new number", async () => {
    await putTwilio(valid);

    const response = await putTwilio({
      accountSid: SID,
      defaultNumber: "+14155550111",
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe("defaultNumber");
    expect((await stored())?.defaultNumber).toBe("+14155550100");
  });

  test("unreachable twilio stores nothing", async () => {
    const closedUrl = await closedPortUrl();
    const offline = await buildTestApp({ TWILIO_API_BASE_URL: closedUrl });
    const offlineCompany = await buildCompany(offline.ctx);
    const offlineOwner = await buildStaff(offline.ctx, offlineCompany);

    const response = await offline.app.inject({
      method: "PUT",
      url: "/api/company/twilio",
      headers: { ...offlineOwner.headers, "content-type": "application/json" },
      payload: JSON.stringify(valid),
    });

    expect(response.statusCode).toBe(502);
    expect(response.json().error.message).toMatch(
      /^Could not reach Twilio to check these credentials: connect ECONNREFUSED .*\. Nothing was saved\./,
    );
    expect(response.body).not.toContain(TOKEN);
    const row = await findTwilioConnection(offline.ctx, offlineCompany.id);
    expect(row).toBeNull();
    await offline.close();
  });
});
