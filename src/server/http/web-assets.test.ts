import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/support/context.js";
import { buildApp } from "../app.js";
import {
  HASHED_ASSET_CACHE_CONTROL,
  PAGE_CACHE_CONTROL,
} from "./web-assets.js";

const INDEX_HTML = "<!doctype html><title>app shell</title>";

let testApp: TestApp;
let app: FastifyInstance;
let webDir: string;

beforeEach(async () => {
  webDir = mkdtempSync(join(tmpdir(), "sms-inbox-web-"));
  writeFileSync(join(webDir, "index.html"), INDEX_HTML);
  mkdirSync(join(webDir, "assets"));
  writeFileSync(join(webDir, "assets", "index-AbC123.js"), "export {};\n");
  writeFileSync(
    join(webDir, "assets", "SettingsPage-XyZ789.js"),
    "export const SettingsPage = () => null;\n",
  );
  testApp = await buildTestApp();
  app = await buildApp(testApp.ctx, { webDir });
});

afterEach(async () => {
  await app.close();
  await testApp.close();
  rmSync(webDir, { recursive: true });
});

describe("web app files", () => {
  test("hashed chunks are immutable", async () => {
    for (const url of [
      "/assets/index-AbC123.js",
      "/assets/SettingsPage-XyZ789.js",
    ]) {
      const response = await app.inject({ url });

      expect(response.statusCode, url).toBe(200);
      expect(response.headers["content-type"], url).toMatch(/javascript/);
      expect(response.headers["cache-control"], url).toBe(
        HASHED_ASSET_CACHE_CONTROL,
      );
    }
  });

  test("index.html is revalidated", async () => {
    for (const url of ["/", "/index.html", "/inbox", "/settings"]) {
      const response = await app.inject({ url });

      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).toBe(INDEX_HTML);
      expect(response.headers["cache-control"], url).toBe(PAGE_CACHE_CONTROL);
      expect(response.headers.etag, url).toBeDefined();
    }
  });

  test("unchanged index.html gets 304", async () => {
    const first = await app.inject({ url: "/inbox" });
    const etag = String(first.headers.etag);

    const second = await app.inject({
      url: "/inbox",
      headers: { "if-none-match": etag },
    });

    expect(second.statusCode).toBe(304);
  });

  test("missing hashed chunk is 404", async () => {
    const response = await app.inject({
      url: "/assets/SettingsPage-Old111.js",
    });

    expect(response.statusCode).toBe(404);
    expect(response.headers["content-type"]).toMatch(/^application\/json/);
    expect(response.body).not.toContain("app shell");
  });
});
