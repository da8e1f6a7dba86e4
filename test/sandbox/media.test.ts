import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inboundWebhookParams } from "../../src/sandbox/inbound-params.js";
import {
  controlRequest,
  startSandbox,
  type SandboxFixture,
} from "./support.js";

const HANDSET = "+14155550177";

let fixture: SandboxFixture;

beforeAll(async () => {
  fixture = await startSandbox();
});

afterAll(async () => {
  await fixture.close();
});

function basic(accountSid: string, authToken: string) {
  return `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}`;
}

async function receivePhoto() {
  const response = await controlRequest<{ messageSid: string }>(
    fixture.baseUrl,
    "POST",
    "/inbound",
    {
      from: HANDSET,
      to: fixture.number.phoneNumber,
      body: "",
      media: [
        { contentType: "image/png", base64: "iVBORw0KGgo=" },
        { contentType: "text/vcard", text: "BEGIN:VCARD\r\nEND:VCARD\r\n" },
      ],
    },
  );
  expect(response.status).toBe(200);

  const message = fixture.sandbox.state.findMessage(
    fixture.account.sid,
    response.body.messageSid,
  );
  if (!message) throw new Error("The inbound message was not recorded.");

  return message;
}

describe("sandbox hosted media", () => {
  it("names media in webhook params", async () => {
    const message = await receivePhoto();
    const params = inboundWebhookParams(message);
    const prefix = `${fixture.baseUrl}/2010-04-01/Accounts/${fixture.account.sid}/Messages/${message.sid}/Media/ME`;

    expect(message.sid.startsWith("MM")).toBe(true);
    expect(params.NumMedia).toBe("2");
    expect(params.MediaContentType0).toBe("image/png");
    expect(params.MediaContentType1).toBe("text/vcard");
    expect(params.MediaUrl0?.startsWith(prefix)).toBe(true);
    expect(params.MediaUrl1?.startsWith(prefix)).toBe(true);
  });

  it("media url needs basic auth", async () => {
    const message = await receivePhoto();

    const response = await fetch(message.mediaUrls[0] ?? "", {
      redirect: "manual",
    });

    expect(response.status).toBe(401);
  });

  it("redirects to served bytes", async () => {
    const message = await receivePhoto();
    const { sid, authToken } = fixture.account;

    const redirect = await fetch(message.mediaUrls[0] ?? "", {
      redirect: "manual",
      headers: { authorization: basic(sid, authToken) },
    });
    const location = redirect.headers.get("location") ?? "";
    const file = await fetch(new URL(location, fixture.baseUrl));

    expect(redirect.status).toBe(307);
    expect(location).toMatch(/^\/sandbox\/media-store\/[0-9a-f]{64}$/);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await file.arrayBuffer()).toString("base64")).toBe(
      "iVBORw0KGgo=",
    );
  });

  it("other message's media not found", async () => {
    const first = await receivePhoto();
    const second = await receivePhoto();
    const mediaSid = first.mediaUrls[0]?.split("/").pop() ?? "";
    const { sid, authToken } = fixture.account;

    const response = await fetch(
      `${fixture.baseUrl}/2010-04-01/Accounts/${sid}/Messages/${second.sid}/Media/${mediaSid}`,
      { redirect: "manual", headers: { authorization: basic(sid, authToken) } },
    );

    expect(response.status).toBe(404);
  });

  it("rejects file with both encodings", async () => {
    const response = await controlRequest(fixture.baseUrl, "POST", "/inbound", {
      from: HANDSET,
      to: fixture.number.phoneNumber,
      body: "",
      media: [{ contentType: "text/plain", text: "hi", base64: "aGk=" }],
    });

    expect(response.status).toBe(400);
    expect(String(response.body.error)).toContain("exactly one of");
  });
});
