import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UploadResult } from "../../src/common/api.js";
import {
  API,
  buildTenant,
  callApi,
  errorCode,
  seedInbound,
  type Tenant,
} from "../inbox/inbox-fixture.js";
import type { BuiltStaff } from "../support/factories.js";
import {
  getAs,
  PNG_BYTES,
  startMediaServer,
  type MediaServer,
} from "./media-fixture.js";

const MAX_BYTES = 4096;
const PUBLIC_PATH = "/v1/plugins/sms-chat/media";

let server: MediaServer;

beforeAll(async () => {
  server = await startMediaServer({ MEDIA_MAX_BYTES: String(MAX_BYTES) });
});

afterAll(async () => {
  await server.close();
});

function upload(
  staff: BuiltStaff | null,
  bytes: Buffer,
  contentType: string,
  query = "",
) {
  return server.test.app.inject({
    method: "POST",
    url: `${API}/uploads${query}`,
    headers: { ...(staff?.headers ?? {}), "content-type": contentType },
    payload: bytes,
  });
}

async function uploadPng(tenant: Tenant) {
  const response = await upload(tenant.owner, PNG_BYTES, "image/png");
  expect(response.statusCode).toBe(201);

  const result = response.json<UploadResult>();
  const row = await server.ctx.db
    .selectFrom("media_uploads")
    .selectAll()
    .where("id", "=", result.uploadId)
    .executeTakeFirstOrThrow();

  return { result, row, publicPath: `${PUBLIC_PATH}/${row.public_token}` };
}

describe("upload", () => {
  it("stores file and metadata", async () => {
    const tenant = await buildTenant(server);
    const before = Date.now();

    const response = await upload(
      tenant.owner,
      PNG_BYTES,
      "image/png",
      "?filename=Beach%20photo%20(1)%20from%20today.png",
    );

    const result = response.json<UploadResult>();
    expect(response.statusCode).toBe(201);
    expect(result).toEqual({
      uploadId: expect.any(String),
      url: `${API}/uploads/${result.uploadId}`,
      contentType: "image/png",
      size: PNG_BYTES.length,
    });
    const stored = await readFile(
      join(server.dataDir, "uploads", result.uploadId),
    );
    expect(stored.equals(PNG_BYTES)).toBe(true);
    const row = await server.ctx.db
      .selectFrom("media_uploads")
      .selectAll()
      .where("id", "=", result.uploadId)
      .executeTakeFirstOrThrow();
    expect(row.company_id).toBe(tenant.company.id);
    expect(row.uploaded_by_staff_id).toBe(tenant.owner.id);
    expect(row.filename).toBe("Beach_photo_1_fr.png");
    expect(row.public_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const ttl = Date.parse(row.expires_at) - Date.parse(row.created_at);
    expect(ttl).toBe(24 * 60 * 60 * 1000);
    expect(Date.parse(row.created_at)).toBeGreaterThanOrEqual(before - 1);
  });

  it("preview serves bytes to staff", async () => {
    const tenant = await buildTenant(server);
    const { result } = await uploadPng(tenant);

    const response = await getAs(server, tenant.viewer, result.url);

    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals(PNG_BYTES)).toBe(true);
    expect(response.headers["content-type"]).toBe("image/png");
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["content-disposition"]).toBe(
      'inline; filename="attachment.png"',
    );
  });

  it("preview hidden from other company", async () => {
    const tenant = await buildTenant(server);
    const other = await buildTenant(server);
    const { result } = await uploadPng(tenant);

    const response = await getAs(server, other.owner, result.url);

    expect(response.statusCode).toBe(404);
  });

  it("needs send permission", async () => {
    const tenant = await buildTenant(server);

    const response = await upload(tenant.viewer, PNG_BYTES, "image/png");

    expect(response.statusCode).toBe(403);
    expect(errorCode(response)).toBe("missing_permission");
  });

  it("signed out gets 401", async () => {
    const response = await upload(null, PNG_BYTES, "image/png");

    expect(response.statusCode).toBe(401);
  });

  it.each(["text/html", "application/json", "image/webp", "image/svg+xml"])(
    "rejects %s",
    async (contentType) => {
      const tenant = await buildTenant(server);

      const response = await upload(tenant.owner, PNG_BYTES, contentType);

      expect(response.statusCode).toBe(415);
      expect(errorCode(response)).toBe("media_type_not_allowed");
      expect(response.json().error.message).toContain("image/jpeg");
    },
  );

  it("rejects file over limit", async () => {
    const tenant = await buildTenant(server);

    const response = await upload(
      tenant.owner,
      Buffer.alloc(MAX_BYTES + 1),
      "image/jpeg",
    );

    expect(response.statusCode).toBe(413);
    expect(errorCode(response)).toBe("media_too_large");
    expect(response.json().error.message).toContain("MEDIA_MAX_BYTES");
  });

  it("rejects chunked file over limit", async () => {
    const tenant = await buildTenant(server);

    const response = await server.test.app.inject({
      method: "POST",
      url: `${API}/uploads`,
      headers: { ...tenant.owner.headers, "content-type": "image/jpeg" },
      payload: Readable.from([Buffer.alloc(MAX_BYTES), Buffer.alloc(10)]),
    });

    expect(response.statusCode).toBe(413);
    expect(errorCode(response)).toBe("media_too_large");
  });

  it("rejects files over limit together", async () => {
    const tenant = await buildTenant(server);
    const ids = await Promise.all(
      [1, 2].map(async () => {
        const response = await upload(
          tenant.owner,
          Buffer.alloc(MAX_BYTES / 2 + 1),
          "image/jpeg",
        );

        return response.json<UploadResult>().uploadId;
      }),
    );
    const { conversationId } = await seedInbound(server.ctx, tenant.company, {
      from: "+14155550184",
    });

    const response = await callApi(
      server,
      tenant.owner,
      "POST",
      `/conversations/${conversationId}/messages`,
      { body: { body: "", mediaIds: ids } },
    );

    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain("add up to 4098 bytes");
  });

  it("rejects empty file", async () => {
    const tenant = await buildTenant(server);

    const response = await upload(tenant.owner, Buffer.alloc(0), "image/png");

    expect(response.statusCode).toBe(400);
  });
});

describe("public media url", () => {
  it("serves bytes without auth", async () => {
    const tenant = await buildTenant(server);
    const { publicPath } = await uploadPng(tenant);

    const response = await getAs(server, null, publicPath);

    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals(PNG_BYTES)).toBe(true);
    expect(response.headers["content-type"]).toBe("image/png");
    expect(response.headers["content-length"]).toBe(String(PNG_BYTES.length));
    expect(response.headers["content-disposition"]).toBe(
      'inline; filename="attachment.png"',
    );
  });

  it("answers head requests", async () => {
    const tenant = await buildTenant(server);
    const { publicPath } = await uploadPng(tenant);

    const response = await getAs(server, null, publicPath, "HEAD");

    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("image/png");
    expect(response.rawPayload.length).toBe(0);
  });

  it("expired url gets 410", async () => {
    const tenant = await buildTenant(server);
    const { publicPath, row } = await uploadPng(tenant);
    await server.ctx.db
      .updateTable("media_uploads")
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where("id", "=", row.id)
      .execute();

    const response = await getAs(server, null, publicPath);

    expect(response.statusCode).toBe(410);
    expect(errorCode(response)).toBe("media_expired");
  });

  it("unknown token gets 404", async () => {
    const response = await getAs(
      server,
      null,
      `${PUBLIC_PATH}/${"A".repeat(43)}`,
    );

    expect(response.statusCode).toBe(404);
  });
});

describe("upload default limit", () => {
  it("accepts files above app body limit", async () => {
    const defaults = await startMediaServer();
    try {
      const tenant = await buildTenant(defaults);
      const bytes = Buffer.alloc(2 * 1024 * 1024, 7);

      const response = await defaults.test.app.inject({
        method: "POST",
        url: `${API}/uploads`,
        headers: { ...tenant.owner.headers, "content-type": "video/mp4" },
        payload: bytes,
      });

      expect(response.statusCode).toBe(201);
      expect(response.json<UploadResult>().size).toBe(bytes.length);
    } finally {
      await defaults.close();
    }
  });
});
