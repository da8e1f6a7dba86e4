import twilio from "twilio";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  controlRequest,
  rejectionOf,
  startSandbox,
  type SandboxFixture,
} from "./support.js";

const customer = "+14155550199";

describe("sandbox message errors", () => {
  let fixture: SandboxFixture;

  beforeEach(async () => {
    fixture = await startSandbox();
  });

  afterEach(async () => {
    await fixture.close();
  });

  async function createError(params: Record<string, unknown>) {
    const { client, number } = fixture;
    const error = await rejectionOf(
      client.messages.create({
        to: customer,
        from: number.phoneNumber,
        body: "Hi",
        ...params,
      }),
    );
    expect(error).toBeInstanceOf(twilio.RestException);

    return error;
  }

  test("invalid to returns 21211", async () => {
    const error = await createError({ to: "555-0199" });

    expect(error).toMatchObject({ status: 400, code: 21211 });
    expect(error).toMatchObject({
      moreInfo: "https://www.twilio.com/docs/errors/21211",
    });
  });

  test("short code to returns 21211", async () => {
    expect(await createError({ to: "68849" })).toMatchObject({ code: 21211 });
  });

  test("alphanumeric to returns 21211", async () => {
    expect(await createError({ to: "SUPPORT" })).toMatchObject({ code: 21211 });
  });

  test("to equal to from returns 21211", async () => {
    const error = await createError({ to: fixture.number.phoneNumber });

    expect(error).toMatchObject({ code: 21211 });
  });

  test("missing to returns 21604", async () => {
    const { baseUrl, account, number } = fixture;
    const credentials = Buffer.from(`${account.sid}:${account.authToken}`);

    const response = await fetch(
      `${baseUrl}/2010-04-01/Accounts/${account.sid}/Messages.json`,
      {
        method: "POST",
        headers: {
          Authorization: `Basic ${credentials.toString("base64")}`,
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({
          From: number.phoneNumber,
          Body: "Hi",
        }).toString(),
      },
    );

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 21604, status: 400 });
  });

  test("unowned from returns 21606", async () => {
    const error = await createError({ from: "+14155550142" });

    expect(error).toMatchObject({ status: 400, code: 21606 });
  });

  test("from without sms returns 21606", async () => {
    const { sandbox, account } = fixture;
    sandbox.state.addNumber(account.sid, {
      phoneNumber: "+14155550143",
      capabilities: { sms: false },
    });

    expect(await createError({ from: "+14155550143" })).toMatchObject({
      code: 21606,
    });
  });

  test("other account's from returns 21660", async () => {
    const { sandbox } = fixture;
    const other = sandbox.state.createAccount();
    sandbox.state.addNumber(other.sid, { phoneNumber: "+14155550144" });

    expect(await createError({ from: "+14155550144" })).toMatchObject({
      code: 21660,
    });
  });

  test("missing from returns 21603", async () => {
    expect(await createError({ from: undefined })).toMatchObject({
      code: 21603,
    });
  });

  test("missing body returns 21602", async () => {
    expect(await createError({ body: undefined })).toMatchObject({
      code: 21602,
    });
  });

  test("body over 1600 returns 21617", async () => {
    expect(await createError({ body: "a".repeat(1601) })).toMatchObject({
      status: 400,
      code: 21617,
    });
  });

  test("body of 1600 is accepted", async () => {
    const { client, number } = fixture;

    const message = await client.messages.create({
      to: customer,
      from: number.phoneNumber,
      body: "a".repeat(1600),
    });

    expect(message.numSegments).toBe("11");
  });

  test("opted-out recipient returns 21610", async () => {
    const { baseUrl, account } = fixture;
    await controlRequest(baseUrl, "PUT", `/accounts/${account.sid}/opt-outs`, {
      phoneNumbers: [customer],
    });

    expect(await createError({})).toMatchObject({ status: 400, code: 21610 });
  });

  test("invalid status callback returns 21609", async () => {
    expect(await createError({ statusCallback: "not a url" })).toMatchObject({
      code: 21609,
    });
  });

  test("invalid media url returns 21620", async () => {
    expect(
      await createError({ body: undefined, mediaUrl: ["ftp://x/a.jpg"] }),
    ).toMatchObject({
      code: 21620,
    });
  });

  test("planned faults fail the next creates", async () => {
    const { baseUrl, client, number } = fixture;
    await controlRequest(baseUrl, "PUT", "/faults", {
      createMessage: { count: 2, status: 429 },
    });
    const params = { to: customer, from: number.phoneNumber, body: "Hi" };

    const first = await rejectionOf(client.messages.create(params));
    const second = await rejectionOf(client.messages.create(params));
    const third = await client.messages.create(params);

    expect(first).toMatchObject({ status: 429, code: 20429 });
    expect(second).toMatchObject({ status: 429, code: 20429 });
    expect(third.status).toBe("queued");
  });

  test("planned server error returns 20500", async () => {
    const { baseUrl } = fixture;
    await controlRequest(baseUrl, "PUT", "/faults", {
      createMessage: { count: 1, status: 500 },
    });

    expect(await createError({})).toMatchObject({ status: 500, code: 20500 });
  });
});
