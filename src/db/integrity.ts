import { sql } from 'kysely';
import type { Store } from './connect.js';
import { DatabaseDamagedError } from './errors.js';
import { whatToDo } from './sqlite-file.js';

/** SQLite's answer to a check: the problems it lists, none when it says "ok". */
async function sqliteCheck(store: Store, pragma: 'quick_check' | 'integrity_check', limit: number): Promise<string[]> {
  const { rows } = await sql.raw<Record<string, string>>(`pragma ${pragma}(${limit})`).execute(store.db);
  const lines = rows.map((row) => String(Object.values(row)[0]));
  return lines.length === 1 && lines[0] === 'ok' ? [] : lines;
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
    throw new DatabaseDamagedError(
      `The ${store.description} is damaged (PRAGMA quick_check: ${problems.slice(0, 3).join('; ')}). Run \`wiredesk doctor\` for the full check. ${whatToDo}`,
    );
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
  findings.push(
    integrity.length ? `integrity_check found ${integrity.length === 100 ? '100 or more' : integrity.length} problem(s):` : 'integrity_check: ok',
    ...integrity.map((line) => `  ${line}`),
  );
  let orphans: number | string = 0;
  try {
    orphans = (await sql.raw('pragma foreign_key_check').execute(store.db)).rows.length;
  } catch (error) {
    orphans = (error as Error).message;
  }
  findings.push(orphans === 0 ? 'foreign_key_check: ok' : `foreign_key_check: ${orphans} row(s) point at rows that are gone`);
  return { ok: integrity.length === 0 && orphans === 0, findings };
}
