import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/support/context.js";
import { buildApp } from "../app.js";
import { SECURITY_HEADERS } from "./security-headers.js";

const apps: TestApp[] = [];
const folders: string[] = [];

afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true });
});

async function testApp(): Promise<TestApp> {
  const app = await buildTestApp();
  apps.push(app);

  return app;
}

function expectSecurityHeaders(headers: Record<string, unknown>) {
  expect(headers["content-security-policy"]).toBe(
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  );
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
}

describe("security headers", () => {
  test("json api response has them", async () => {
    const { app } = await testApp();

    const response = await app.inject({ url: "/api/setup/status" });

    expect(response.statusCode).toBe(200);
    expectSecurityHeaders(response.headers);
  });

  test("error responses have them", async () => {
    const { app } = await testApp();

    const unauthenticated = await app.inject({ url: "/api/company" });
    const missing = await app.inject({ url: "/api/no-such-route" });

    expect(unauthenticated.statusCode).toBe(401);
    expectSecurityHeaders(unauthenticated.headers);
    expect(missing.statusCode).toBe(404);
    expectSecurityHeaders(missing.headers);
  });

  test("web app pages have them", async () => {
    const webDir = mkdtempSync(join(tmpdir(), "sms-inbox-web-"));
    folders.push(webDir);
    writeFileSync(
      join(webDir, "index.html"),
      "<!doctype html><title>x</title>",
    );
    const { ctx } = await testApp();
    const app = await buildApp(ctx, { webDir });

    const page = await app.inject({ url: "/inbox" });
    const file = await app.inject({ url: "/index.html" });

    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("<title>x</title>");
    expectSecurityHeaders(page.headers);
    expect(file.statusCode).toBe(200);
    expectSecurityHeaders(file.headers);
    await app.close();
  });

  test("route headers are kept", async () => {
    const { ctx } = await testApp();
    const app = await buildApp(ctx);
    app.get("/v1/test-attachment", async (_request, reply) =>
      reply
        .header("content-security-policy", "default-src 'none'; sandbox")
        .header("content-disposition", 'attachment; filename="a.pdf"')
        .send("file"),
    );

    const response = await app.inject({ url: "/v1/test-attachment" });

    expect(response.headers["content-security-policy"]).toBe(
      "default-src 'none'; sandbox",
    );
    expect(response.headers["content-disposition"]).toBe(
      'attachment; filename="a.pdf"',
    );
    expect(response.headers["x-frame-options"]).toBe(
      SECURITY_HEADERS["x-frame-options"],
    );
    await app.close();
  });
});
