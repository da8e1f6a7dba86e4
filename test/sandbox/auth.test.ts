import twilio from "twilio";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { rejectionOf, startSandbox, type SandboxFixture } from "./support.js";

describe("sandbox authentication", () => {
  let fixture: SandboxFixture;

  beforeEach(async () => {
    fixture = await startSandbox();
  });

  afterEach(async () => {
    await fixture.close();
  });

  test("wrong auth token returns 20003", async () => {
    const { account, clientFor } = fixture;
    const client = clientFor(account.sid, "0".repeat(32));

    const error = await rejectionOf(
      client.api.v2010.accounts(account.sid).fetch(),
    );

    expect(error).toBeInstanceOf(twilio.RestException);
    expect(error).toMatchObject({ status: 401, code: 20003 });
  });

  test("unknown account sid returns 20003", async () => {
    const { account, clientFor } = fixture;
    const client = clientFor(`AC${"f".repeat(32)}`, account.authToken);

    const error = await rejectionOf(client.messages.list());

    expect(error).toMatchObject({ status: 401, code: 20003 });
  });

  test("missing credentials return 401", async () => {
    const { baseUrl, account } = fixture;

    const response = await fetch(
      `${baseUrl}/2010-04-01/Accounts/${account.sid}.json`,
    );

    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe(
      'Basic realm="Twilio API"',
    );
    expect(await response.json()).toEqual({
      code: 20003,
      message: "Authenticate",
      more_info: "https://www.twilio.com/docs/errors/20003",
      status: 401,
    });
  });

  test("another account's path returns 20003", async () => {
    const { sandbox, client } = fixture;
    const other = sandbox.state.createAccount();

    const error = await rejectionOf(
      client.api.v2010.accounts(other.sid).fetch(),
    );

    expect(error).toMatchObject({ status: 401, code: 20003 });
  });

  test("unknown route returns 20404", async () => {
    const { baseUrl, account } = fixture;
    const credentials = Buffer.from(`${account.sid}:${account.authToken}`);

    const response = await fetch(
      `${baseUrl}/2010-04-01/Accounts/${account.sid}/Calls.json`,
      { headers: { Authorization: `Basic ${credentials.toString("base64")}` } },
    );

    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 20404, status: 404 });
  });

  test("unknown route still requires credentials", async () => {
    const { baseUrl, account } = fixture;

    const response = await fetch(
      `${baseUrl}/2010-04-01/Accounts/${account.sid}/Calls.json`,
    );

    expect(response.status).toBe(401);
  });
});
