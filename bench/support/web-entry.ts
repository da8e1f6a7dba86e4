import { readFileSync } from "node:fs";
import { basename, join } from "node:path";

export interface EntryFiles {
  /** The module script that index.html runs: the main chunk. */
  main: string;
  /** The main chunk and every file index.html loads with it. */
  initial: string[];
}

/**
 * Reads the built index.html in `webDir` for the files a browser fetches
 * before the app renders: the module script, its modulepreload links and
 * any stylesheets.
 * Every other chunk loads on demand. Returns names relative to assets/.
 */
export function readEntryFiles(webDir: string): EntryFiles {
  const html = readFileSync(join(webDir, "index.html"), "utf8");
  const script = /<script type="module"[^>]*\ssrc="([^"]+)"/.exec(html);
  if (!script?.[1]) {
    throw new Error(`No module script found in ${join(webDir, "index.html")}`);
  }
  const main = basename(script[1]);
  const links =
    /<link rel="(?:modulepreload|stylesheet)"[^>]*\shref="([^"]+)"/g;
  const preloads = [...html.matchAll(links)].map((match) =>
    basename(match[1] ?? ""),
  );

  return { main, initial: [main, ...preloads] };
}
