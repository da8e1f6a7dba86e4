import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildTestApp, type TestApp } from "../support/context.js";
import { buildInboxCompany } from "../webhook/webhook-fixture.js";
import {
  loadMessage,
  postStatus,
  seedOutbound,
  statusParams,
} from "./status-fixture.js";

let testApp: TestApp;

beforeAll(async () => {
  testApp = await buildTestApp();
});

afterAll(async () => {
  await testApp.close();
});

/** Builds a company with one queued text and posts `steps` in order. */
async function applyInOrder(
  steps: { status: string; extra?: Record<string, string> }[],
) {
  const inbox = await buildInboxCompany(testApp.ctx);
  const seeded = await seedOutbound(testApp.ctx, inbox);
  for (const step of steps) {
    const params = statusParams(
      inbox,
      seeded.twilioSid,
      step.status,
      step.extra,
    );
    const response = await postStatus(testApp.app, inbox, params);
    expect(response.statusCode).toBe(200);
  }

  return loadMessage(testApp.ctx, seeded.messageId);
}

describe("status ordering", () => {
  test("sent then delivered advances", async () => {
    const before = new Date().toISOString();
    const message = await applyInOrder([
      { status: "sent" },
      { status: "delivered" },
    ]);

    expect(message.status).toBe("delivered");
    expect(message.error_code).toBeNull();
    expect(message.status_changed_at ?? "").toBeTruthy();
    expect((message.status_changed_at ?? "") >= before).toBe(true);
  });

  test("delivered then sent stays delivered", async () => {
    const message = await applyInOrder([
      { status: "delivered" },
      { status: "sent" },
      { status: "sending" },
      { status: "queued" },
    ]);

    expect(message.status).toBe("delivered");
  });

  test("failed without code keeps 30003", async () => {
    const message = await applyInOrder([
      { status: "undelivered", extra: { ErrorCode: "30003" } },
      { status: "failed" },
    ]);

    expect(message.status).toBe("undelivered");
    expect(message.error_code).toBe(30003);
    expect(message.error_message).toMatch(/could not be reached/);
  });

  test("first terminal status wins", async () => {
    const message = await applyInOrder([
      { status: "undelivered", extra: { ErrorCode: "30003" } },
      { status: "failed", extra: { ErrorCode: "30008" } },
      { status: "delivered" },
    ]);

    expect(message.status).toBe("undelivered");
    expect(message.error_code).toBe(30003);
  });

  test("read follows delivered", async () => {
    const message = await applyInOrder([
      { status: "delivered" },
      { status: "read" },
    ]);

    expect(message.status).toBe("read");
  });

  test("later status without code keeps it", async () => {
    const message = await applyInOrder([
      { status: "undelivered", extra: { ErrorCode: "30007" } },
      { status: "read" },
    ]);

    expect(message.status).toBe("read");
    expect(message.error_code).toBe(30007);
    expect(message.error_message).toMatch(/filtered the text as spam/);
  });

  test("unknown error code gets generic message", async () => {
    const message = await applyInOrder([
      { status: "failed", extra: { ErrorCode: "30999" } },
    ]);

    expect(message.error_code).toBe(30999);
    expect(message.error_message).toBe("Twilio could not deliver the text.");
  });

  test("partially delivered is stored raw", async () => {
    const message = await applyInOrder([
      { status: "partially_delivered" },
      { status: "sent" },
      { status: "delivered" },
    ]);

    expect(message.status).toBe("partially_delivered");
  });

  test("unrecognised status ranks as terminal", async () => {
    const message = await applyInOrder([
      { status: "sent" },
      { status: "rerouted_elsewhere" },
      { status: "sent" },
    ]);

    expect(message.status).toBe("rerouted_elsewhere");
  });

  test("status name is lower-cased", async () => {
    const message = await applyInOrder([{ status: "Delivered" }]);

    expect(message.status).toBe("delivered");
  });

  test("duplicate callback changes nothing", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    const seeded = await seedOutbound(testApp.ctx, inbox);
    const params = statusParams(inbox, seeded.twilioSid, "delivered");
    await postStatus(testApp.app, inbox, params);
    const first = await loadMessage(testApp.ctx, seeded.messageId);
    await new Promise((resolve) => setTimeout(resolve, 5));

    const response = await postStatus(testApp.app, inbox, params);

    expect(response.statusCode).toBe(200);
    expect(await loadMessage(testApp.ctx, seeded.messageId)).toEqual(first);
  });
});
