import { parseArgs } from "node:util";
import pino from "pino";
import { ConfigError, loadConfig } from "../src/server/config.js";
import { createContext } from "../src/server/create-context.js";
import { isAppError } from "../src/server/errors.js";
import {
  createCompanyWithOwner,
  type CreatedCompany,
} from "../src/server/host/setup/company-creator.js";
import { SetupRequestSchema } from "../src/server/host/setup/schemas.js";
import { loggerOptions } from "../src/server/logger.js";
import { pluginCatalogue } from "../src/server/plugin-catalogue.js";

const USAGE = `Creates the first company and its owner on the configured database.

Usage:
  npm run setup -- --company "Acme" --country US --name "Ada Owner" \\
    --email ada@example.com --password '...'

Options:
  --company   company name
  --country   ISO 3166-1 alpha-2 code used to read national numbers (default US)
  --name      the owner's name
  --email     the owner's email address, used to sign in
  --password  the owner's password, at least 10 characters; when omitted,
              the SETUP_PASSWORD environment variable is read instead
  --help      print this text

DATABASE_URL, DATA_DIR and the other server variables choose the database.
`;

/** CLI flag for each field of the setup request, for error messages. */
const flags: Record<string, string> = {
  companyName: "--company",
  country: "--country",
  ownerName: "--name",
  ownerEmail: "--email",
  password: "--password (or SETUP_PASSWORD)",
};

class UsageError extends Error {}

function readInput(argv: string[]) {
  const values = parseFlags(argv);
  if (values.help) return null;

  const parsed = SetupRequestSchema.safeParse({
    companyName: values.company,
    country: values.country,
    ownerName: values.name,
    ownerEmail: values.email,
    // Scripts may read the environment; the server reads it only in config.ts.
    password: values.password ?? process.env.SETUP_PASSWORD,
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const field = String(issue.path[0] ?? "");

      return `  ${flags[field] ?? field}: ${issue.message}`;
    });
    throw new UsageError(`Invalid setup input:\n${problems.join("\n")}`);
  }

  return parsed.data;
}

function parseFlags(argv: string[]) {
  try {
    const { values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        company: { type: "string" },
        country: { type: "string" },
        name: { type: "string" },
        email: { type: "string" },
        password: { type: "string" },
        help: { type: "boolean" },
      },
    });

    return values;
  } catch (error) {
    // parseArgs throws TypeErrors with ERR_PARSE_ARGS_* codes on bad flags.
    if (error instanceof TypeError) throw new UsageError(error.message);

    throw error;
  }
}

function describeCreated(created: CreatedCompany, publicUrl: string): string {
  const { company, roles, location, owner } = created;

  return [
    `Created company "${company.name}" (${company.country}), id ${company.id}`,
    `  roles:    ${roles.owner.name} (all permissions), ${roles.staff.name} (no permissions)`,
    `  location: ${location.name}`,
    `  owner:    ${owner.name} <${owner.email}>, id ${owner.id}`,
    `Sign in at ${publicUrl} with that email and password.`,
    "",
  ].join("\n");
}

async function main(): Promise<number> {
  const input = readInput(process.argv.slice(2));
  if (!input) {
    process.stdout.write(USAGE);

    return 0;
  }

  const config = loadConfig();
  // Logs go to stderr, so stdout contains only the summary.
  const logger = pino(loggerOptions(config.logLevel), pino.destination(2));
  const ctx = await createContext(config, logger);
  try {
    const created = await createCompanyWithOwner(ctx, input, {
      catalogue: pluginCatalogue,
      firstRunOnly: true,
    });
    process.stdout.write(describeCreated(created, config.publicUrl));
  } finally {
    await ctx.db.destroy();
  }

  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known =
      error instanceof UsageError ||
      error instanceof ConfigError ||
      isAppError(error);
    const message = known
      ? error.message
      : `Setup failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
    const hint = error instanceof UsageError ? `\n\n${USAGE}` : "\n";
    process.stderr.write(`${message}${hint}`);
    process.exit(1);
  },
);
