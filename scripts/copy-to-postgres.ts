import { parseArgs } from "node:util";
import { copyDatabase } from "../src/server/db/copy/copy-database.js";
import { DatabaseCopyError } from "../src/server/db/copy/copy-error.js";
import { formatCopyReport } from "../src/server/db/copy/copy-report.js";
import { CopyVerificationError } from "../src/server/db/copy/copy-verification.js";

const USAGE = `Copies an sms-inbox SQLite database into an empty PostgreSQL database.

Usage:
  npm run db:copy-to-postgres -- --from data/sms-inbox.sqlite \\
    --to postgres://user@host/db

Options:
  --from  path of the SQLite database file, opened read-only (or FROM)
  --to    postgres:// URL of the target database, which must have no
          sms-inbox rows yet; it is migrated first (or TO)
  --help  print this text

Stop the server before copying. Every row is copied in one PostgreSQL
transaction, which is rolled back unless the row counts and the messages
checksum match.
`;

const ENCRYPTION_NOTE = `Twilio auth tokens were copied still encrypted. Start the server on
PostgreSQL with the same ENCRYPTION_KEY, or with the key file from the old
DATA_DIR, or it cannot decrypt them.
`;

class UsageError extends Error {}

function readOptions(argv: string[]): { from: string; to: string } | null {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        from: { type: "string" },
        to: { type: "string" },
        help: { type: "boolean" },
      },
    }));
  } catch (error) {
    throw new UsageError(
      error instanceof Error ? error.message : String(error),
    );
  }
  if (values.help) return null;

  // Scripts may read the environment, but the server reads it only in config.ts.
  const from = values.from ?? process.env.FROM;
  const to = values.to ?? process.env.TO;
  if (!from) throw new UsageError("Missing --from: the SQLite database file.");
  if (!to) throw new UsageError("Missing --to: the PostgreSQL URL.");

  return { from, to };
}

async function main(): Promise<number> {
  const options = readOptions(process.argv.slice(2));
  if (!options) {
    process.stdout.write(USAGE);

    return 0;
  }

  const report = await copyDatabase(options);
  // The URL may contain a password, so it is not printed.
  process.stdout.write(
    `Copied ${options.from} into PostgreSQL.\n\n${formatCopyReport(report)}\n${ENCRYPTION_NOTE}`,
  );

  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  if (error instanceof CopyVerificationError) {
    process.stdout.write(formatCopyReport(error.report));
  }
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n\n${USAGE}`);
  } else if (error instanceof DatabaseCopyError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `The copy failed: ${message}\nPostgreSQL keeps no copied rows. Fix the cause and run the command again.\n`,
    );
  }
  process.exitCode = 1;
}
