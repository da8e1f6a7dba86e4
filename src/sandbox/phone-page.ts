import { readFileSync } from "node:fs";
import type { FastifyInstance } from "fastify";

const assets = {
  html: readAsset("index.html"),
  script: readAsset("phone.js"),
  styles: readAsset("phone.css"),
};

function readAsset(name: string): string {
  return readFileSync(new URL(`./phone/${name}`, import.meta.url), "utf8");
}

/** Serves the virtual phone page and its script and styles. */
export function registerPhonePage(app: FastifyInstance) {
  app.get("/", async (_request, reply) =>
    reply.type("text/html; charset=utf-8").send(assets.html),
  );
  app.get("/sandbox/phone.js", async (_request, reply) =>
    reply.type("text/javascript; charset=utf-8").send(assets.script),
  );
  app.get("/sandbox/phone.css", async (_request, reply) =>
    reply.type("text/css; charset=utf-8").send(assets.styles),
  );
}
