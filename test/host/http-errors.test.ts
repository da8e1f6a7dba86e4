import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { callAs, errorCodeOf, errorMessageOf } from "../admin/admin-fixture.js";
import { buildTestApp, type TestApp } from "../support/context.js";
import {
  buildCompany,
  buildStaff,
  type BuiltStaff,
} from "../support/factories.js";

let t: TestApp;
let owner: BuiltStaff;

beforeAll(async () => {
  t = await buildTestApp();
  owner = await buildStaff(t.ctx, await buildCompany(t.ctx));
});

afterAll(async () => {
  await t.close();
});

describe("method not allowed", () => {
  test("PUT on a PATCH route gets 405", async () => {
    const response = await callAs(t, owner, "PUT", `/api/staff/${owner.id}`, {
      name: "Ada",
    });

    expect(response.statusCode).toBe(405);
    expect(response.headers.allow).toBe("PATCH, DELETE");
    expect(errorCodeOf(response)).toBe("method_not_allowed");
    expect(errorMessageOf(response)).toBe(
      "This endpoint does not accept PUT. Send the request with PATCH or DELETE.",
    );
  });

  test("GET on a POST-only route names POST", async () => {
    const response = await t.app.inject({ url: "/api/auth/login" });

    expect(response.statusCode).toBe(405);
    expect(response.headers.allow).toBe("POST");
    expect(errorMessageOf(response)).toMatch(/Send the request with POST\.$/);
  });

  test("GET route lists GET and HEAD", async () => {
    const response = await t.app.inject({
      method: "DELETE",
      url: "/api/auth/me?x=1",
    });

    expect(response.statusCode).toBe(405);
    expect(response.headers.allow).toBe("GET, HEAD");
  });

  test("unknown path stays 404", async () => {
    const response = await callAs(t, owner, "PUT", "/api/no-such-thing", {});

    expect(response.statusCode).toBe(404);
    expect(response.headers.allow).toBeUndefined();
    expect(errorCodeOf(response)).toBe("not_found");
  });
});

describe("forbidden JSON keys", () => {
  function patchStaff(payload: string) {
    return t.app.inject({
      method: "PATCH",
      url: `/api/staff/${owner.id}`,
      headers: { ...owner.headers, "content-type": "application/json" },
      payload,
    });
  }

  test("__proto__ key is named", async () => {
    const response = await patchStaff('{"name": "Ada", "__proto__": {"x": 1}}');

    expect(response.statusCode).toBe(400);
    expect(errorCodeOf(response)).toBe("invalid_json");
    expect(errorMessageOf(response)).toMatch(
      /^The request body contains the key "__proto__" at __proto__, which is not allowed/,
    );
  });

  test("nested __proto__ key shows its path", async () => {
    const response = await patchStaff(
      '{"name": "Ada", "settings": [{"__proto__": {}}]}',
    );

    expect(response.statusCode).toBe(400);
    expect(errorMessageOf(response)).toMatch(/at settings\.0\.__proto__/);
  });

  test("constructor.prototype key is named", async () => {
    const response = await patchStaff(
      '{"constructor": {"prototype": {"x": 1}}}',
    );

    expect(response.statusCode).toBe(400);
    expect(errorMessageOf(response)).toMatch(
      /the key "prototype" at constructor\.prototype/,
    );
  });

  test("malformed JSON still says malformed", async () => {
    const response = await patchStaff('{"__proto__": ');

    expect(response.statusCode).toBe(400);
    expect(errorMessageOf(response)).toMatch(/because it is malformed/);
  });
});

describe("deeply nested JSON", () => {
  /** `inner` wrapped in `depth` arrays. */
  function nested(depth: number, inner: string): string {
    return "[".repeat(depth) + inner + "]".repeat(depth);
  }

  function signIn(payload: string) {
    return t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { "content-type": "application/json" },
      payload,
    });
  }

  test.each([
    ["a NUL escape", nested(5000, '"\\u0000"')],
    ["an unpaired surrogate", nested(5000, '"\\ud800"')],
    ["a __proto__ key", nested(10000, '{"__proto__": 1}')],
    ["nothing else", nested(5000, "1")],
  ])("5,000 levels around %s get 400 before sign-in", async (_, payload) => {
    const response = await signIn(payload);

    expect(response.statusCode).toBe(400);
    expect(errorCodeOf(response)).toBe("invalid_json");
    expect(errorMessageOf(response)).toBe(
      "The request body nests arrays and objects more than 32 levels deep, and no endpoint reads that deep. Send only the fields the endpoint takes.",
    );
  });

  test("32 levels reach the endpoint's own validation", async () => {
    const response = await patchStaffName(nested(31, '"Ada"'));

    expect(response.statusCode).toBe(400);
    expect(errorCodeOf(response)).toBe("validation_failed");
  });

  test("33 levels are too deep", async () => {
    const response = await patchStaffName(nested(32, '"Ada"'));

    expect(errorCodeOf(response)).toBe("invalid_json");
  });

  function patchStaffName(name: string) {
    return t.app.inject({
      method: "PATCH",
      url: `/api/staff/${owner.id}`,
      headers: { ...owner.headers, "content-type": "application/json" },
      payload: `{"name": ${name}}`,
    });
  }
});

describe("URLs the router cannot read", () => {
  test.each([
    ["an API path", "/api/plugins/sms-chat/conversations/%F0%28%8C"],
    ["a webhook path", "/v1/plugins/sms-chat/webhook/%ED%A0%80"],
  ])("malformed percent-encoding in %s gets 400", async (_, url) => {
    const response = await t.app.inject({ url, headers: owner.headers });

    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: {
        code: "bad_url",
        message:
          "A part of the URL path is not valid percent-encoded UTF-8. Encode each path segment as UTF-8 and send the request again.",
      },
    });
  });

  test("path parameter over 100 characters gets 414", async () => {
    const response = await callAs(
      t,
      owner,
      "PATCH",
      `/api/staff/${"a".repeat(101)}`,
      { name: "Ada" },
    );

    expect(response.statusCode).toBe(414);
    expect(response.json().error).toEqual({
      code: "path_segment_too_long",
      message:
        "A part of the URL path is longer than 100 characters, more than any id or token in a path has. Check the URL and send the request again.",
    });
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
  });

  test("path parameter of 100 characters reaches the route", async () => {
    const response = await callAs(
      t,
      owner,
      "PATCH",
      `/api/staff/${"a".repeat(100)}`,
      { name: "Ada" },
    );

    expect(response.statusCode).toBe(404);
  });
});
