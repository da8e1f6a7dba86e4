import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { startSandbox, type SandboxFixture } from "./support.js";

describe("sandbox accounts", () => {
  let fixture: SandboxFixture;

  beforeEach(async () => {
    fixture = await startSandbox();
  });

  afterEach(async () => {
    await fixture.close();
  });

  test("fetches the authenticated account", async () => {
    const { client, account } = fixture;

    const fetched = await client.api.v2010.accounts(account.sid).fetch();

    expect(fetched.sid).toBe(account.sid);
    expect(fetched.friendlyName).toBe("Test shop");
    expect(fetched.status).toBe("active");
    expect(fetched.type).toBe("Full");
    expect(fetched.dateCreated).toBeInstanceOf(Date);
    expect(fetched.dateCreated.getTime()).toBe(
      Math.floor(account.dateCreated.getTime() / 1000) * 1000,
    );
    expect(fetched.uri).toBe(`/2010-04-01/Accounts/${account.sid}.json`);
  });

  test("sends dates in rfc 2822", async () => {
    const { baseUrl, account } = fixture;
    const credentials = Buffer.from(`${account.sid}:${account.authToken}`);

    const response = await fetch(
      `${baseUrl}/2010-04-01/Accounts/${account.sid}.json`,
      { headers: { Authorization: `Basic ${credentials.toString("base64")}` } },
    );
    const body = (await response.json()) as { date_created: string };

    expect(body.date_created).toMatch(
      /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/,
    );
  });
});
