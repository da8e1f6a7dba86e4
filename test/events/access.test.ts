import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  buildCompany,
  buildStaff,
  installSmsInbox,
} from "../support/factories.js";
import {
  connect,
  EVENTS_PATH,
  startListeningApp,
  type ListeningApp,
} from "./events-fixture.js";

let server: ListeningApp;

beforeEach(async () => {
  server = await startListeningApp();
});

afterEach(async () => {
  await server.close();
});

async function errorOf(
  staff: Awaited<ReturnType<typeof buildStaff>> | null,
): Promise<{ status: number; type: string | undefined; code: unknown }> {
  const response = await server.test.app.inject({
    url: EVENTS_PATH,
    headers: staff ? { cookie: staff.cookie } : {},
  });
  const body = response.json<{ error?: { code?: string } }>();

  return {
    status: response.statusCode,
    type: response.headers["content-type"]?.toString(),
    code: body.error?.code,
  };
}

describe("inbox event stream access", () => {
  it("rejects a signed-out request", async () => {
    const result = await errorOf(null);

    expect(result.status).toBe(401);
    expect(result.type).toMatch(/^application\/json/);
    expect(result.code).toBe("unauthenticated");
  });

  it("rejects staff where the inbox is off", async () => {
    const { ctx } = server.test;
    const company = await buildCompany(ctx);
    const [enabled, other] = company.locationIds as [string, string];
    await installSmsInbox(ctx, company, { locationIds: [enabled] });
    const outsider = await buildStaff(ctx, company, { locationIds: [other] });

    const result = await errorOf(outsider);

    expect(result.status).toBe(403);
    expect(result.code).toBe("plugin_not_enabled");
  });

  it("rejects a company without the plugin", async () => {
    const { ctx } = server.test;
    const company = await buildCompany(ctx);
    const owner = await buildStaff(ctx, company);

    const result = await errorOf(owner);

    expect(result.status).toBe(409);
    expect(result.code).toBe("plugin_not_installed");
  });

  it("rejects over a real connection", async () => {
    const stream = await connect(server, null);

    expect(stream.status).toBe(401);
    expect(stream.headers["content-type"]).toMatch(/^application\/json/);
  });
});
