import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildTestApp, type TestApp } from "../support/context.js";
import type { FormParams } from "../support/twilio-signing.js";
import {
  addInboxNumber,
  buildInboxCompany,
  CUSTOMER_NUMBER,
  findMessage,
  inboundParams,
  postSigned,
  type InboxCompany,
} from "../webhook/webhook-fixture.js";
import { loadOptOut, loadOptOuts } from "./opt-out-fixture.js";

const SECOND_NUMBER = "+14155550111";

let testApp: TestApp;

beforeAll(async () => {
  testApp = await buildTestApp();
});

afterAll(async () => {
  await testApp.close();
});

/** Posts a signed incoming text and checks that it was stored. */
async function text(inbox: InboxCompany, overrides: FormParams) {
  const params = inboundParams(inbox.twilio, overrides);
  const response = await postSigned(testApp.app, inbox, params);
  expect(response.statusCode).toBe(200);

  return params;
}

function customerState(inbox: InboxCompany, inboxNumber?: string) {
  return loadOptOut(testApp.ctx, inbox, {
    customerNumber: CUSTOMER_NUMBER,
    inboxNumber,
  });
}

const STOP_KEYWORDS = [
  "STOP",
  "STOPALL",
  "UNSUBSCRIBE",
  "CANCEL",
  "END",
  "QUIT",
  "REVOKE",
  "OPTOUT",
];

describe("stop keywords", () => {
  test.each(STOP_KEYWORDS)("%s opts the customer out", async (keyword) => {
    const inbox = await buildInboxCompany(testApp.ctx);

    await text(inbox, { Body: keyword });

    const state = await customerState(inbox);
    expect(state?.opted_out).toBe(1);
    expect(state?.keyword).toBe(keyword);
    expect(state?.opted_out_at).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  test.each(["stop", "Stop", "sToP", "unsubscribe", "OptOut"])(
    "%s matches in any case",
    async (body) => {
      const inbox = await buildInboxCompany(testApp.ctx);

      await text(inbox, { Body: body });

      const state = await customerState(inbox);
      expect(state?.opted_out).toBe(1);
      expect(state?.keyword).toBe(body.toUpperCase());
    },
  );

  test.each(["  STOP", "STOP  ", "\nstop\t", " \u00a0Stop\r\n"])(
    "surrounding whitespace %j is ignored",
    async (body) => {
      const inbox = await buildInboxCompany(testApp.ctx);

      await text(inbox, { Body: body });

      expect((await customerState(inbox))?.opted_out).toBe(1);
    },
  );

  test("stop message stays in the thread", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);

    const params = await text(inbox, { Body: "STOP" });

    const stored = await findMessage(testApp.ctx, String(params.MessageSid));
    expect(stored?.body).toBe("STOP");
    expect(stored?.direction).toBe("inbound");
  });

  test("OptOutType STOP counts for custom words", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);

    await text(inbox, { Body: "Arret", OptOutType: "STOP" });

    const state = await customerState(inbox);
    expect(state?.opted_out).toBe(1);
    expect(state?.keyword).toBe("ARRET");
  });

  test("OptOutType keeps its name for long bodies", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);

    await text(inbox, { Body: "please no more", OptOutType: "stop" });

    const state = await customerState(inbox);
    expect(state?.opted_out).toBe(1);
    expect(state?.keyword).toBe("STOP");
  });
});

describe("ordinary texts", () => {
  test.each([
    "Stop please",
    "STOP 12345",
    "STOP.",
    "STOPP",
    "don't stop",
    "",
    "S T O P",
  ])("%j changes nothing", async (body) => {
    const inbox = await buildInboxCompany(testApp.ctx);

    await text(inbox, { Body: body });

    expect(await loadOptOuts(testApp.ctx, inbox.company.id)).toEqual([]);
  });

  test("unknown OptOutType is ignored", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);

    await text(inbox, { Body: "hello", OptOutType: "SOMETHING" });

    expect(await loadOptOuts(testApp.ctx, inbox.company.id)).toEqual([]);
  });
});

describe("opting back in", () => {
  test.each(["START", "YES", "UNSTOP", "start", " Unstop "])(
    "%j opts back in",
    async (body) => {
      const inbox = await buildInboxCompany(testApp.ctx);
      await text(inbox, { Body: "STOP" });

      await text(inbox, { Body: body });

      const state = await customerState(inbox);
      expect(state?.opted_out).toBe(0);
      expect(state?.keyword).toBe(body.trim().toUpperCase());
      expect(state?.opted_in_at).toMatch(/^\d{4}-/);
      expect(state?.opted_out_at).toMatch(/^\d{4}-/);
    },
  );

  test("OptOutType START opts back in", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    await text(inbox, { Body: "STOP" });

    await text(inbox, { Body: "Subscribe", OptOutType: "START" });

    const state = await customerState(inbox);
    expect(state?.opted_out).toBe(0);
    expect(state?.keyword).toBe("SUBSCRIBE");
  });

  test("redelivered STOP after START is ignored", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    const stop = await text(inbox, { Body: "STOP" });
    await text(inbox, { Body: "START" });

    await text(inbox, stop);

    expect((await customerState(inbox))?.opted_out).toBe(0);
  });
});

describe("help keywords", () => {
  test.each<FormParams>([
    { Body: "HELP" },
    { Body: "info" },
    { Body: "Aide", OptOutType: "HELP" },
  ])("%o is recorded", async (overrides) => {
    const inbox = await buildInboxCompany(testApp.ctx);

    await text(inbox, overrides);

    const state = await customerState(inbox);
    expect(state?.last_help_at).toMatch(/^\d{4}-/);
    expect(state?.opted_out).toBe(0);
  });

  test("help keeps an opt-out", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    await text(inbox, { Body: "STOP" });

    await text(inbox, { Body: "HELP" });

    const state = await customerState(inbox);
    expect(state?.opted_out).toBe(1);
    expect(state?.keyword).toBe("STOP");
    expect(state?.last_help_at).toMatch(/^\d{4}-/);
  });
});

describe("opt-out scope", () => {
  test("applies only to the texted number", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    await addInboxNumber(testApp.ctx, inbox, SECOND_NUMBER);

    await text(inbox, { Body: "STOP", To: SECOND_NUMBER });

    expect((await customerState(inbox, SECOND_NUMBER))?.opted_out).toBe(1);
    expect(await customerState(inbox)).toBeUndefined();
  });

  test("other companies are unaffected", async () => {
    const a = await buildInboxCompany(testApp.ctx);
    const b = await buildInboxCompany(testApp.ctx);

    await text(a, { Body: "STOP" });

    expect((await customerState(a))?.opted_out).toBe(1);
    expect(await loadOptOuts(testApp.ctx, b.company.id)).toEqual([]);
  });

  test("forged STOP changes nothing", async () => {
    const inbox = await buildInboxCompany(testApp.ctx);
    const params = inboundParams(inbox.twilio, { Body: "STOP" });
    const forged = { ...inbox, twilio: { ...inbox.twilio, authToken: "x" } };

    const response = await postSigned(testApp.app, forged, params);

    expect(response.statusCode).toBe(403);
    expect(await loadOptOuts(testApp.ctx, inbox.company.id)).toEqual([]);
  });
});
