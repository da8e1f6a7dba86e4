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
