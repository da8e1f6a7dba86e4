import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "../..");
const LISTENING = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/;

export interface ServerProcess {
  /** Base URL of the running server. */
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code, or null when a signal ended the process. */
  exited: Promise<number | null>;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
}

/**
 * Starts src/server/main.ts in its own Node process on 127.0.0.1 and a
 * random port, and resolves once it listens. Node runs tsx as a loader in
 * that same process, unlike the tsx command, which starts a child process
 * that a SIGKILL of the parent would leave running.
 */
export async function startServerProcess(
  env: Record<string, string>,
  timeoutMs = 30_000,
): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "src/server/main.ts"],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? "",
        HOST: "127.0.0.1",
        PORT: "0",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      // A caller that gets no ServerProcess cannot stop this one.
      child.kill("SIGKILL");
      reject(new Error(`server did not start in time:\n${output}`));
    }, timeoutMs);
    const check = () => {
      const match = LISTENING.exec(output);
      if (!match?.[1]) return;

      clearTimeout(timer);
      resolve(match[1]);
    };
    child.stdout.on("data", check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(
        new Error(`server exited with ${code} before listening:\n${output}`),
      );
    });
  });

  return { url, child, exited, output: () => output };
}

/** Sends `signal` to a server process and waits for it to exit. */
export async function stopServerProcess(
  server: ServerProcess,
  signal: NodeJS.Signals,
): Promise<number | null> {
  if (server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill(signal);
  }

  return server.exited;
}

/**
 * Starts several server processes at once. When one fails to start, the
 * others are stopped before the error is thrown, so none is left running.
 */
export async function startServerProcesses(
  envs: Record<string, string>[],
): Promise<ServerProcess[]> {
  const results = await Promise.allSettled(
    envs.map((env) => startServerProcess(env)),
  );
  const started = results.flatMap((result) =>
    result.status === "fulfilled" ? [result.value] : [],
  );
  const failure = results.find((result) => result.status === "rejected");
  if (failure) {
    for (const server of started) await stopServerProcess(server, "SIGKILL");
    throw failure.reason;
  }

  return started;
}
