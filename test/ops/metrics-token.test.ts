import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/server/config.js";
import { buildTestApp, type TestApp } from "../support/context.js";

const TOKEN = "metrics-token-0123456789abcdef";

let test: TestApp | undefined;

afterEach(async () => {
  await test?.close();
  test = undefined;
});

function getMetrics(world: TestApp, authorization?: string) {
  return world.app.inject({
    method: "GET",
    url: "/metrics",
    headers: authorization === undefined ? {} : { authorization },
  });
}

describe("metrics token", () => {
  it("leaves metrics open when unset", async () => {
    test = await buildTestApp();

    const response = await getMetrics(test);

    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("text/plain");
  });

  it("rejects a missing or wrong token", async () => {
    test = await buildTestApp({ METRICS_TOKEN: TOKEN });

    const missing = await getMetrics(test);
    const wrong = await getMetrics(test, `Bearer ${TOKEN}x`);
    const basic = await getMetrics(test, `Basic ${TOKEN}`);

    for (const response of [missing, wrong, basic]) {
      expect(response.statusCode).toBe(401);
      expect(response.headers["www-authenticate"]).toContain("Bearer");
      expect(response.json()).toMatchObject({
        error: { code: "metrics_token_invalid" },
      });
      expect(response.body).not.toContain("sms_inbox_");
    }
  });

  it("accepts the bearer token", async () => {
    test = await buildTestApp({ METRICS_TOKEN: TOKEN });

    const response = await getMetrics(test, `Bearer ${TOKEN}`);

    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("sms_inbox_http_request_duration_seconds");
  });

  it("keeps health checks open", async () => {
    test = await buildTestApp({ METRICS_TOKEN: TOKEN });

    const health = await test.app.inject({ method: "GET", url: "/healthz" });
    const ready = await test.app.inject({ method: "GET", url: "/readyz" });

    expect(health.statusCode).toBe(200);
    expect(ready.statusCode).toBe(200);
  });

  it("rejects a short token in config", () => {
    expect(() => loadConfig({ METRICS_TOKEN: "short" })).toThrow(ConfigError);
  });
});
