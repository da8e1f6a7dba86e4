import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

export interface ChunkSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

/** Builds the web app with `npx vite build`, or throws with its output. */
export function buildWebApp(root: string): void {
  const result = spawnSync("npx", ["vite", "build"], {
    cwd: root,
    encoding: "utf8",
  });
  if (result.status !== 0) {
    throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
  }
}

/**
 * Returns the raw and gzip size (zlib level 9) of every JavaScript and CSS
 * file in `assetsDir`, largest first.
 */
export function measureChunks(assetsDir: string): ChunkSize[] {
  return readdirSync(assetsDir)
    .filter((file) => file.endsWith(".js") || file.endsWith(".css"))
    .map((file) => {
      const bytes = readFileSync(join(assetsDir, file));

      return {
        file,
        bytes: bytes.length,
        gzipBytes: gzipSync(bytes, { level: 9 }).length,
      };
    })
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
}
