import { randomBytes } from "node:crypto";
import type { ListeningApp } from "../events/events-fixture.js";
import { buildTestApp } from "../support/context.js";
import { PUBLIC_URL } from "../webhook/webhook-fixture.js";
import { createSharedSchema } from "./postgres-server.js";

/** Several apps on one PostgreSQL schema, as separate instances would be. */
export interface Instances {
  /** Each has its own Fastify app, Kysely pool and LISTEN connection. */
  apps: ListeningApp[];
  close(): Promise<void>;
}

/**
 * Starts `count` apps in this process on one fresh schema, each listening
 * on its own random loopback port. They share the encryption key and
 * PUBLIC_URL, so each can read the Twilio credentials the others stored
 * and check the signatures of webhooks addressed to any of them.
 */
export async function startInstances(
  serverUrl: string,
  count: number,
): Promise<Instances> {
  const schema = await createSharedSchema(serverUrl);
  const env = {
    DATABASE_URL: schema.url,
    ENCRYPTION_KEY: randomBytes(32).toString("hex"),
    PUBLIC_URL,
  };
  const apps: ListeningApp[] = [];
  const close = async () => {
    for (const app of apps) await app.close();
    await schema.drop();
  };

  try {
    // One after another, so that only the first app runs the migrations.
    for (let index = 0; index < count; index += 1) {
      const test = await buildTestApp(env);
      const streams: ListeningApp["streams"] = [];
      const app: ListeningApp = {
        test,
        baseUrl: "",
        streams,
        close: async () => {
          for (const stream of streams) stream.close();
          await test.close();
        },
      };
      apps.push(app);
      app.baseUrl = await test.app.listen({ port: 0, host: "127.0.0.1" });
    }
  } catch (error) {
    await close();
    throw error;
  }

  return { apps, close };
}

/** Returns the instance at `index`, or throws when there is none. */
export function instanceAt(instances: Instances, index: number): ListeningApp {
  const app = instances.apps[index];
  if (!app) throw new Error(`no instance ${index}`);

  return app;
}
