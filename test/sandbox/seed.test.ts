import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { readSeedFile } from "../../src/sandbox/seed.js";
import { createSandbox } from "../../src/sandbox/sandbox-server.js";

const accountSid = `AC${"3".repeat(32)}`;

function writeSeed(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), "sandbox-seed-")), "seed.json");
  writeFileSync(path, JSON.stringify(content));

  return path;
}

describe("sandbox seed", () => {
  test("seed creates accounts and numbers", async () => {
    const seed = readSeedFile(
      writeSeed({
        accounts: [
          {
            accountSid,
            authToken: "seeded-token",
            numbers: [
              {
                phoneNumber: "+14155550100",
                smsUrl: "https://inbox.example.com/hook",
              },
            ],
            optOuts: ["+14155550199"],
          },
        ],
      }),
    );

    const sandbox = await createSandbox({ logLevel: "silent", seed });

    expect(sandbox.state.accounts.get(accountSid)?.authToken).toBe(
      "seeded-token",
    );
    expect(
      sandbox.state.numbersOf(accountSid).map((number) => number.smsUrl),
    ).toEqual(["https://inbox.example.com/hook"]);
    expect(sandbox.state.isOptedOut(accountSid, "+14155550199")).toBe(true);
    await sandbox.close();
  });

  test("invalid seed names the field", () => {
    const path = writeSeed({
      accounts: [{ accountSid: "AC1", authToken: "seeded-token" }],
    });

    expect(() => readSeedFile(path)).toThrow(
      /accounts\[0\]\.accountSid|accounts\.0\.accountSid/,
    );
  });
});
