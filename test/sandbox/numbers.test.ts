import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { rejectionOf, startSandbox, type SandboxFixture } from "./support.js";

describe("sandbox incoming phone numbers", () => {
  let fixture: SandboxFixture;

  beforeEach(async () => {
    fixture = await startSandbox();
  });

  afterEach(async () => {
    await fixture.close();
  });

  function addNumbers(count: number): string[] {
    const { sandbox, account } = fixture;
    const added: string[] = [];
    for (let index = 0; index < count; index += 1) {
      const phoneNumber = `+1212555${String(index).padStart(4, "0")}`;
      added.push(
        sandbox.state.addNumber(account.sid, { phoneNumber }).phoneNumber,
      );
    }

    return added;
  }

  test("list returns every page", async () => {
    const { client, number, sandbox } = fixture;
    const added = addNumbers(119);

    const listed = await client.incomingPhoneNumbers.list({ pageSize: 50 });
    const pageRequests = sandbox.state.requestLog.entries.filter(
      (entry) => entry.operationId === "ListIncomingPhoneNumber",
    );

    expect(listed).toHaveLength(120);
    expect(listed.map((item) => item.phoneNumber)).toEqual([
      number.phoneNumber,
      ...added,
    ]);
    expect(pageRequests.map((entry) => entry.statusCode)).toEqual([
      200, 200, 200,
    ]);
  });

  test("list pages carry twilio's paging keys", async () => {
    const { client, account } = fixture;
    addNumbers(59);
    const base = `/2010-04-01/Accounts/${account.sid}/IncomingPhoneNumbers.json`;

    const first = await client.incomingPhoneNumbers.page({ pageSize: 50 });
    const second = await first.nextPage();

    expect(first.instances).toHaveLength(50);
    expect(second?.instances).toHaveLength(10);
    expect(second?.nextPageUrl).toBeUndefined();
    // twilio-node resolves the relative next_page_uri against api.twilio.com,
    // and the product's client sends that origin to the sandbox.
    const lastSid = first.instances[49]?.sid;
    expect(first.nextPageUrl).toBe(
      `https://api.twilio.com${base}?PageSize=50&Page=1&PageToken=PA${lastSid}`,
    );
  });

  test("page meta keys match twilio", async () => {
    const { sandbox, client, account } = fixture;
    addNumbers(3);
    const base = `/2010-04-01/Accounts/${account.sid}/IncomingPhoneNumbers.json`;

    await client.incomingPhoneNumbers.page({ pageSize: 2 });
    const [entry] = sandbox.state.requestLog.entries;

    expect(entry?.responseBody).toMatchObject({
      end: 1,
      first_page_uri: `${base}?PageSize=2&Page=0`,
      page: 0,
      page_size: 2,
      previous_page_uri: null,
      start: 0,
      uri: `${base}?PageSize=2&Page=0`,
    });
  });

  test("list filters by phone number", async () => {
    const { client, number } = fixture;
    addNumbers(3);

    const exact = await client.incomingPhoneNumbers.list({
      phoneNumber: number.phoneNumber,
    });
    const partial = await client.incomingPhoneNumbers.list({
      phoneNumber: "212555000*",
    });

    expect(exact.map((item) => item.sid)).toEqual([number.sid]);
    expect(partial).toHaveLength(3);
  });

  test("fetch returns the full resource", async () => {
    const { client, number, account } = fixture;

    const fetched = await client.incomingPhoneNumbers(number.sid).fetch();

    expect(fetched.sid).toMatch(/^PN[0-9a-f]{32}$/);
    expect(fetched.accountSid).toBe(account.sid);
    expect(fetched.phoneNumber).toBe("+14155550100");
    expect(fetched.friendlyName).toBe("(415) 555-0100");
    expect(fetched.capabilities).toEqual({
      voice: true,
      sms: true,
      mms: true,
      fax: false,
    });
    expect(fetched.smsUrl).toBe("");
    expect(fetched.smsMethod).toBe("POST");
  });

  test("fetch of unknown sid returns 20404", async () => {
    const { client } = fixture;

    const error = await rejectionOf(
      client.incomingPhoneNumbers(`PN${"0".repeat(32)}`).fetch(),
    );

    expect(error).toMatchObject({ status: 404, code: 20404 });
  });

  test("update sets the sms url", async () => {
    const { client, number } = fixture;

    const updated = await client.incomingPhoneNumbers(number.sid).update({
      smsUrl: "https://inbox.example.com/v1/plugins/sms-chat/webhook/abc",
      smsMethod: "POST",
      friendlyName: "Front desk",
    });
    const fetched = await client.incomingPhoneNumbers(number.sid).fetch();

    expect(updated.smsUrl).toBe(
      "https://inbox.example.com/v1/plugins/sms-chat/webhook/abc",
    );
    expect(updated.friendlyName).toBe("Front desk");
    expect(fetched.smsUrl).toBe(updated.smsUrl);
    expect(fetched.dateUpdated.getTime()).toBeGreaterThanOrEqual(
      fetched.dateCreated.getTime(),
    );
  });

  test("update rejects an invalid url", async () => {
    const { client, number } = fixture;

    const error = await rejectionOf(
      client
        .incomingPhoneNumbers(number.sid)
        .update({ smsUrl: "inbox.example.com/hook" }),
    );
    const fetched = await client.incomingPhoneNumbers(number.sid).fetch();

    expect(error).toMatchObject({ status: 400, code: 21502 });
    expect(fetched.smsUrl).toBe("");
  });

  test("update of unknown sid returns 20404", async () => {
    const { client } = fixture;

    const error = await rejectionOf(
      client
        .incomingPhoneNumbers(`PN${"0".repeat(32)}`)
        .update({ smsUrl: "https://x.example/h" }),
    );

    expect(error).toMatchObject({ status: 404, code: 20404 });
  });

  test("other account's number is not found", async () => {
    const { sandbox, client } = fixture;
    const other = sandbox.state.createAccount();
    const foreign = sandbox.state.addNumber(other.sid, {
      phoneNumber: "+14155550155",
    });

    const error = await rejectionOf(
      client.incomingPhoneNumbers(foreign.sid).fetch(),
    );

    expect(error).toMatchObject({ status: 404, code: 20404 });
  });
});
