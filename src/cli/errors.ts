import { ConfigError } from '../config.js';
import { ConflictError, NotFoundError, ValidationError } from '../content/errors.js';
import { DatabaseUnavailableError } from '../db/connect.js';
import { BackupError } from '../db/backup.js';
import { MigrationError } from '../db/migrate.js';

/** A failure the CLI reports as one line, with this exit code. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Exit code 2: the program cannot run as configured (bad setting, database unreachable). */
const SETUP_ERRORS = [ConfigError, DatabaseUnavailableError, MigrationError];
const USER_ERRORS = [ValidationError, NotFoundError, ConflictError, BackupError];

/** Runs a command; any failure becomes one clear line on stderr and a non-zero exit, never a
 *  stack trace (set LOG_LEVEL=debug to see one for an unexpected error). */
export async function runAction(action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (error) {
    const err = error instanceof Error ? error : new Error(String(error));
    const known = err instanceof CliError || [...SETUP_ERRORS, ...USER_ERRORS].some((E) => err instanceof E);
    const code = err instanceof CliError ? err.exitCode : SETUP_ERRORS.some((E) => err instanceof E) ? 2 : 1;
    process.stderr.write(`wiredesk: ${oneLine(err.message)}\n`);
    if (!known && process.env.LOG_LEVEL === 'debug') process.stderr.write(`${err.stack}\n`);
    process.exit(code);
  }
}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();
