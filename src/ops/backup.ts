import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import type { Config } from '../config.js';
import { newsroomStats } from '../content/stats.js';
import { openDatabase } from './bootstrap.js';
import { openStore } from '../db/connect.js';

/** Backup or restore could not be done; the message says why and what to do. */
export class BackupError extends Error {
  override name = 'BackupError';
}

/** On PostgreSQL its own tools copy a running database consistently; say which command to run. */
function postgresAdvice(what: 'backup' | 'restore', file: string): BackupError {
  const command =
    what === 'backup'
      ? `pg_dump --format=custom --no-owner --file=${JSON.stringify(file)} "$DATABASE_URL"`
      : `pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" ${JSON.stringify(file)}`;
  return new BackupError(`On PostgreSQL use its own tools, which copy a running database consistently: ${command}`);
}

/** Copies the live SQLite database with SQLite's online backup API: consistent even while the
 *  site is writing to it. */
export async function backupDatabase(config: Config, file: string, options: { force: boolean }) {
  if (config.database.kind !== 'sqlite') throw postgresAdvice('backup', file);
  const target = path.resolve(file);
  if (target === config.database.file) throw new BackupError('The backup file must not be the database itself.');
  if (fs.existsSync(target) && !options.force) throw new BackupError(`${target} exists; add --force to overwrite it.`);
  if (!fs.existsSync(config.database.file)) throw new BackupError(`There is no database at ${config.database.file} to back up.`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  if (fs.existsSync(target)) fs.rmSync(target);
  const store = await openStore(config.database);
  try {
    const result = await store.sqlite!.backup(target);
    return { file: target, pages: result.totalPages };
  } finally {
    await store.close();
  }
}

/** Replaces the SQLite database with a backup, then brings it up to the current schema. */
export async function restoreDatabase(config: Config, file: string, options: { force: boolean }) {
  if (config.database.kind !== 'sqlite') throw postgresAdvice('restore', file);
  const source = path.resolve(file);
  if (!fs.existsSync(source)) throw new BackupError(`No backup file at ${source}.`);
  checkBackup(source);

  const current = await openDatabase(config);
  try {
    const stats = await newsroomStats(current.db);
    const hasContent = stats.articles.total + stats.users + stats.pages > 0;
    if (hasContent && !options.force) {
      throw new BackupError(
        `The database at ${config.database.file} is not empty (${stats.articles.total} articles, ${stats.users} users, ${stats.pages} pages); add --force to replace it.`,
      );
    }
  } finally {
    await current.close();
  }

  const backup = new SqliteDatabase(source, { readonly: true, fileMustExist: true });
  try {
    await backup.backup(config.database.file);
  } finally {
    backup.close();
  }
  const restored = await openDatabase(config);
  try {
    const stats = await newsroomStats(restored.db);
    return { file: config.database.file, articles: stats.articles.total, users: stats.users };
  } finally {
    await restored.close();
  }
}

/** Refuses anything that is not an intact Wiredesk SQLite database. */
function checkBackup(file: string) {
  let db: SqliteDatabase.Database;
  try {
    db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError(`${file} is not an SQLite database: ${(error as Error).message}`);
  }
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new BackupError(`${file} is damaged: ${String(integrity)}`);
    const tables = new Set((db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((t) => t.name));
    if (!tables.has('articles') || !tables.has('kysely_migration')) throw new BackupError(`${file} is not a Wiredesk backup (no articles table).`);
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} is not an SQLite database: ${(error as Error).message}`);
  } finally {
    db.close();
  }
}
