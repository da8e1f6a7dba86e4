import { createSandbox } from "./sandbox-server.js";
import { readSeedFile, type SandboxSeed } from "./seed.js";

/**
 * The account `npm run sandbox` creates when SANDBOX_SEED is unset. Its
 * credentials are fixed and public, so a local product can be pointed at
 * the sandbox without copying anything.
 */
const demoSeed: SandboxSeed = {
  accounts: [
    {
      accountSid: "AC00000000000000000000000000000001",
      authToken: "0123456789abcdef0123456789abcdef",
      friendlyName: "Sandbox demo account",
      numbers: [{ phoneNumber: "+14155550100", friendlyName: "Demo inbox" }],
    },
  ],
};

const port = Number(process.env.SANDBOX_PORT ?? "3001");
const host = process.env.SANDBOX_HOST ?? "127.0.0.1";
const seedPath = process.env.SANDBOX_SEED;

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  throw new Error(
    `SANDBOX_PORT must be a port number, not "${process.env.SANDBOX_PORT}".`,
  );
}

const sandbox = await createSandbox({
  seed: seedPath ? readSeedFile(seedPath) : demoSeed,
});
const url = await sandbox.listen(port, host);
sandbox.app.log.info(
  {
    url,
    accounts: sandbox.state.accounts.size,
    numbers: sandbox.state.numbers.length,
  },
  "sandbox listening",
);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    sandbox.app.log.info({ signal }, "sandbox stopping");
    void sandbox.close().then(() => process.exit(0));
  });
}
