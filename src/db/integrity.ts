import fs from 'node:fs';
import { sql } from 'kysely';
import type { Store } from './connect.js';
import { DatabaseDamagedError, DatabaseUnavailableError } from './errors.js';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

const whatToDo = 'Restore a backup (`wiredesk restore FILE`), or move the file away to start a new site there.';

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
  if (stat.size === 0) throw new DatabaseDamagedError(`The SQLite database ${file} is empty (0 bytes): it is not a Wiredesk database, and an empty site is not made over it. ${whatToDo}`);
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

/** SQLite's answer to a check: the problems it lists, none when it says "ok". */
async function sqliteCheck(store: Store, pragma: 'quick_check' | 'integrity_check', limit: number): Promise<string[]> {
  const { rows } = await sql.raw<Record<string, string>>(`pragma ${pragma}(${limit})`).execute(store.db);
  const lines = rows.map((row) => String(Object.values(row)[0]));
  return lines.length === 1 && lines[0] === 'ok' ? [] : lines;
}

/** Every SQLite error code that means the file itself is damaged (SQLITE_CORRUPT and its kinds). */
export function isDamagedDatabaseError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(CORRUPT|NOTADB)/.test(code);
}

/**
 * PRAGMA quick_check at start-up: reads every page and checks the b-trees' structure (not that
 * indexes match their tables; `wiredesk doctor` runs the full integrity_check). Throws
 * DatabaseDamagedError with SQLite's first findings. Nothing to check on PostgreSQL, which keeps
 * page checksums and its own tools (pg_amcheck).
 */
export async function refuseDamagedDatabase(store: Store): Promise<void> {
  if (store.kind !== 'sqlite') return;
  let problems: string[];
  try {
    problems = await sqliteCheck(store, 'quick_check', 10);
  } catch (error) {
    problems = [(error as Error).message];
  }
  if (problems.length) {
    throw new DatabaseDamagedError(`The ${store.description} is damaged (PRAGMA quick_check: ${problems.slice(0, 3).join('; ')}). Run \`wiredesk doctor\` for the full check. ${whatToDo}`);
  }
}

export interface DoctorReport {
  ok: boolean;
  /** What was checked, one line each, for the operator. */
  findings: string[];
}

/** `wiredesk doctor`: SQLite's full integrity_check and foreign_key_check; on PostgreSQL, that it answers. */
export async function examineDatabase(store: Store): Promise<DoctorReport> {
  if (store.kind !== 'sqlite') {
    await sql`select 1`.execute(store.db);
    return { ok: true, findings: [`The ${store.description} answers. PostgreSQL checks its own pages; for a deeper check run pg_amcheck on the server.`] };
  }
  const findings: string[] = [];
  let integrity: string[];
  try {
    integrity = await sqliteCheck(store, 'integrity_check', 100);
  } catch (error) {
    integrity = [(error as Error).message];
  }
  findings.push(integrity.length ? `integrity_check found ${integrity.length === 100 ? '100 or more' : integrity.length} problem(s):` : 'integrity_check: ok', ...integrity.map((line) => `  ${line}`));
  let orphans: number | string = 0;
  try {
    orphans = (await sql.raw('pragma foreign_key_check').execute(store.db)).rows.length;
  } catch (error) {
    orphans = (error as Error).message;
  }
  findings.push(orphans === 0 ? 'foreign_key_check: ok' : `foreign_key_check: ${orphans} row(s) point at rows that are gone`);
  return { ok: integrity.length === 0 && orphans === 0, findings };
}
