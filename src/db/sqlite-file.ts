import fs from 'node:fs';
import { DatabaseDamagedError, DatabaseUnavailableError } from './errors.js';

/** The checks on an SQLite file that need no open store (connect.ts runs them); the checks of
 *  an open store are in integrity.ts. */

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** What the messages about a damaged file tell the operator to do. */
export const whatToDo = 'Restore a backup (`wiredesk restore FILE`), or move the file away to start a new site there.';

/**
 * Refuses a file that cannot be a Wiredesk database before SQLite opens it. SQLite treats a
 * 0-byte file as a new empty database, and `serve --demo` would then seed a new site with a new
 * admin over what was lost; Wiredesk writes the header the moment it creates a file (WAL mode),
 * so an empty one was truncated or made by something else.
 */
export function refuseUnusableSqliteFile(file: string): void {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(file, { throwIfNoEntry: false });
  } catch (error) {
    throw new DatabaseUnavailableError(`Cannot open the SQLite database ${file}: ${(error as Error).message}`);
  }
  if (!stat) return;
  if (!stat.isFile()) throw new DatabaseDamagedError(`The SQLite database ${file} is not a file.`);
  if (stat.size === 0)
    throw new DatabaseDamagedError(
      `The SQLite database ${file} is empty (0 bytes): it is not a Wiredesk database, and an empty site is not made over it. ${whatToDo}`,
    );
  const header = Buffer.alloc(SQLITE_HEADER.length);
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    fs.readSync(fd, header, 0, header.length, 0);
  } catch (error) {
    throw new DatabaseUnavailableError(`Cannot open the SQLite database ${file}: ${(error as Error).message}`);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  if (!header.equals(SQLITE_HEADER)) throw new DatabaseDamagedError(`${file} is not an SQLite database (its first bytes are not SQLite's header). ${whatToDo}`);
}

/** Every SQLite error code that means the file itself is damaged (SQLITE_CORRUPT and its kinds). */
export function isDamagedDatabaseError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(CORRUPT|NOTADB)/.test(code);
}
