import { resolve, sep } from "node:path";
import fastifyStatic, { type SetHeadersResponse } from "@fastify/static";
import type { FastifyInstance } from "fastify";

/**
 * URL prefix of the files Vite writes with a content hash in their name. A
 * request for a missing one gets a 404, never index.html, so in a tab opened
 * before a release the import of an old page file fails.
 */
export const WEB_ASSETS_PREFIX = "/assets/";

/**
 * A hashed file never changes under its name, so browsers may cache it for a
 * year without revalidating.
 */
export const HASHED_ASSET_CACHE_CONTROL = "public, max-age=31536000, immutable";

/**
 * index.html names the current hashed files, so browsers revalidate it
 * (with its ETag) on every load and pick up a new release at once.
 */
export const PAGE_CACHE_CONTROL = "no-cache";

/**
 * Serves the built web app from `webDir`: hashed files under /assets/ as
 * immutable, and every other file, index.html included, revalidated on
 * each request. Files are listed once at startup, as `wildcard: false`
 * makes @fastify/static do, so a new build needs a restart.
 */
export async function registerWebAssets(
  app: FastifyInstance,
  webDir: string,
): Promise<void> {
  const assetsDir = resolve(webDir, "assets") + sep;
  const setHeaders = (response: SetHeadersResponse, filePath: string) => {
    const hashed = resolve(filePath).startsWith(assetsDir);
    response.setHeader(
      "cache-control",
      hashed ? HASHED_ASSET_CACHE_CONTROL : PAGE_CACHE_CONTROL,
    );
  };

  await app.register(fastifyStatic, {
    root: webDir,
    wildcard: false,
    // @fastify/static would otherwise send "public, max-age=0", which
    // replaces the header that setHeaders writes.
    cacheControl: false,
    setHeaders,
  });
}
