import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  recordOptIn,
  recordOptOut,
  recordOptOutFromSendFailure,
} from "../../src/server/plugins/sms-inbox/opt-out/opt-out-store.js";
import { buildTestApp, type TestApp } from "../support/context.js";
import {
  buildInboxCompany,
  CUSTOMER_NUMBER,
  type InboxCompany,
} from "../webhook/webhook-fixture.js";
import { loadOptOut } from "./opt-out-fixture.js";

const T1 = "2026-12-04T10:00:00.000Z";
const T2 = "2026-12-04T11:00:00.000Z";
const T3 = "2026-12-04T12:00:00.000Z";

let testApp: TestApp;

beforeAll(async () => {
  testApp = await buildTestApp();
});

afterAll(async () => {
  await testApp.close();
});

function keyOf(inbox: InboxCompany) {
  return {
    companyId: inbox.company.id,
    customerNumber: CUSTOMER_NUMBER,
    inboxNumber: inbox.twilio.defaultNumber,
  };
}

function stateOf(inbox: InboxCompany) {
  return loadOptOut(testApp.ctx, inbox, { customerNumber: CUSTOMER_NUMBER });
}

describe("opt-out from error 21610", () => {
  test("marks an unknown customer opted out", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);

    await recordOptOutFromSendFailure(testApp.ctx.db, {
      ...keyOf(inbox),
      at: T1,
    });

    expect(await stateOf(inbox)).toMatchObject({
      opted_out: 1,
      keyword: null,
      opted_out_at: T1,
    });
  });

  test("keeps an earlier STOP", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    await recordOptOut(testApp.ctx.db, keyOf(inbox), "STOPALL", T1);

    await recordOptOutFromSendFailure(testApp.ctx.db, {
      ...keyOf(inbox),
      at: T2,
    });

    expect(await stateOf(inbox)).toMatchObject({
      opted_out: 1,
      keyword: "STOPALL",
      opted_out_at: T1,
    });
  });

  test("overrides an older START", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    await recordOptIn(testApp.ctx.db, keyOf(inbox), "START", T1);

    await recordOptOutFromSendFailure(testApp.ctx.db, {
      ...keyOf(inbox),
      at: T2,
    });

    expect(await stateOf(inbox)).toMatchObject({
      opted_out: 1,
      keyword: null,
      opted_out_at: T2,
    });
  });

  test("yields to a newer START", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    await recordOptIn(testApp.ctx.db, keyOf(inbox), "START", T3);

    await recordOptOutFromSendFailure(testApp.ctx.db, {
      ...keyOf(inbox),
      at: T2,
    });

    expect(await stateOf(inbox)).toMatchObject({
      opted_out: 0,
      keyword: "START",
      opted_in_at: T3,
    });
  });

  test("works inside a transaction", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);

    await testApp.ctx.db.transaction().execute(async (trx) => {
      await recordOptOutFromSendFailure(trx, { ...keyOf(inbox), at: T1 });
    });

    expect((await stateOf(inbox))?.opted_out).toBe(1);
  });
});
