import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }

  return [];
}

describe("database location", () => {
  test("defaults to data/sms-inbox.sqlite", () => {
    expect(loadConfig({}).databaseUrl).toBe(join("data", "sms-inbox.sqlite"));
  });

  test("follows DATA_DIR when DATABASE_URL is unset", () => {
    const config = loadConfig({ DATA_DIR: "/srv/inbox" });

    expect(config.databaseUrl).toBe("/srv/inbox/sms-inbox.sqlite");
    expect(config.dataDir).toBe("/srv/inbox");
  });

  test("blank DATABASE_URL counts as unset", () => {
    const config = loadConfig({ DATA_DIR: "/srv/inbox", DATABASE_URL: "" });

    expect(config.databaseUrl).toBe("/srv/inbox/sms-inbox.sqlite");
  });

  test("DATABASE_URL wins over DATA_DIR", () => {
    const config = loadConfig({
      DATA_DIR: "/srv/inbox",
      DATABASE_URL: "postgres://inbox@127.0.0.1/inbox",
    });

    expect(config.databaseUrl).toBe("postgres://inbox@127.0.0.1/inbox");
  });
});

describe("TRUST_PROXY", () => {
  test.each([
    [undefined, false],
    ["", false],
    ["false", false],
    ["0", false],
    ["1", 1],
    [" 2 ", 2],
    ["127.0.0.1", ["127.0.0.1"]],
    ["127.0.0.1, 10.0.0.0/8", ["127.0.0.1", "10.0.0.0/8"]],
    ["::1,fd00::/8", ["::1", "fd00::/8"]],
    ["loopback,uniquelocal", ["loopback", "uniquelocal"]],
  ])("accepts %j", (value, expected) => {
    const env = value === undefined ? {} : { TRUST_PROXY: value };

    expect(loadConfig(env).trustProxy).toEqual(expected);
  });

  test.each([
    ["true", /true would let any client/],
    ["11", /hop count of 11 is more than 10/],
    ["proxy.internal", /"proxy.internal" is not an IP address or CIDR range/],
    ["10.0.0.0/33", /"10.0.0.0\/33" is not an IP address or CIDR range/],
    ["::1/129", /"::1\/129" is not an IP address or CIDR range/],
    ["10.0.0.1,,10.0.0.2", /"" is not an IP address or CIDR range/],
    ["10.0.0.0/8/1", /is not an IP address or CIDR range/],
    ["-1", /is not an IP address or CIDR range/],
  ])("rejects %j", (value, message) => {
    const problems = problemsOf({ TRUST_PROXY: value });

    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^TRUST_PROXY: /);
    expect(problems[0]).toMatch(message);
    expect(problems[0]).toMatch(/127\.0\.0\.1,10\.0\.0\.0\/8/);
  });
});
