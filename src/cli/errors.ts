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

/** Exit code 2 (setup): the program cannot run as configured (bad setting, database
 *  unreachable); exit code 1 (user): the input was wrong. Loaded only once a command has failed,
 *  so a command that works never loads them for this (one that threw such an error has loaded
 *  its module already). */
async function knownErrors(): Promise<{ setup: (new (...args: never[]) => Error)[]; user: (new (...args: never[]) => Error)[] }> {
  const [{ ConfigError }, { ConflictError, NotFoundError, ValidationError }, { DatabaseUnavailableError }, { BackupError }, { MigrationError }] =
    await Promise.all([
      import('../config.js'),
      import('../content/errors.js'),
      import('../db/connect.js'),
      import('../ops/backup.js'),
      import('../db/migrate.js'),
    ]);
  return { setup: [ConfigError, DatabaseUnavailableError, MigrationError], user: [ValidationError, NotFoundError, ConflictError, BackupError] };
}

/** Runs a command; any failure becomes one clear line on stderr and a non-zero exit, never a
 *  stack trace (set LOG_LEVEL=debug to see one for an unexpected error). */
export async function runAction(action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (error) {
    const err = error instanceof Error ? error : new Error(String(error));
    const { setup, user } = err instanceof CliError ? { setup: [], user: [] } : await knownErrors().catch(() => ({ setup: [], user: [] }));
    const known = err instanceof CliError || [...setup, ...user].some((E) => err instanceof E);
    const code = err instanceof CliError ? err.exitCode : setup.some((E) => err instanceof E) ? 2 : 1;
    process.stderr.write(`wiredesk: ${oneLine(err.message)}\n`);
    if (!known && process.env.LOG_LEVEL === 'debug') process.stderr.write(`${err.stack}\n`);
    process.exit(code);
  }
}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();
