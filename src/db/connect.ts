import fs from 'node:fs';
import path from 'node:path';
import type SqliteDatabase from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  sql,
  type DatabaseConnection,
  type Driver,
  type SqliteDialectConfig,
} from 'kysely';
import type pg from 'pg';
import { describeDatabase, SQLITE_CACHE_MB_DEFAULT, type DatabaseTarget } from '../config.js';
import { DatabaseDamagedError, DatabaseUnavailableError } from './errors.js';
import { isDamagedDatabaseError, refuseUnusableSqliteFile } from './sqlite-file.js';
import type { Database } from './schema.js';

export type DB = Kysely<Database>;
export type DatabaseKind = DatabaseTarget['kind'];

/** An open database: the Kysely handle plus what a few dialect-specific jobs need. */
export interface Store {
  db: DB;
  kind: DatabaseKind;
  /** The raw SQLite handle, for its online backup API. Null on PostgreSQL. */
  sqlite: SqliteDatabase.Database | null;
  description: string;
  /** What SQLite said when a query first found the file damaged (SQLITE_CORRUPT), else null:
   *  /healthz then answers 503 until the file is mended. Always null on PostgreSQL. */
  damage(): string | null;
  close(): Promise<void>;
}

export { DatabaseDamagedError, DatabaseUnavailableError };

const PG_INT8 = 20;
const PG_TIMESTAMP = 1114;
const PG_TIMESTAMPTZ = 1184;

/** Row counts come back as int8, times as timestamptz: give the program numbers and the same
 *  ISO-8601 UTC strings that SQLite stores, so domain code never branches on the dialect. */
const pgTypesOf = (types: typeof pg.types) => ({
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === PG_INT8) return (v: string) => Number(v);
    if (oid === PG_TIMESTAMPTZ) return (v: string) => new Date(v).toISOString();
    if (oid === PG_TIMESTAMP) return (v: string) => new Date(`${v.replace(' ', 'T')}Z`).toISOString();
    return types.getTypeParser(oid, format as 'text');
  },
});

/** Transactions that take SQLite's write lock when they begin. A deferred transaction that reads
 *  and then writes fails at once with "database is locked" when another process wrote meanwhile;
 *  an immediate one waits its turn (busy_timeout). Every transaction here writes. */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.settings);
  }
}

const STATEMENT_CACHE_SIZE = 500;

/** Kysely prepares every query anew; SQLite's preparation costs as much as running a small
 *  query. The same few hundred SQL texts recur, so keep their prepared statements (LRU). */
function withStatementCache(raw: SqliteDatabase.Database): SqliteDatabase.Database {
  const cache = new Map<string, SqliteDatabase.Statement>();
  const prepare = (source: string) => {
    let stmt = cache.get(source);
    if (stmt) {
      cache.delete(source);
    } else {
      stmt = raw.prepare(source);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    cache.set(source, stmt);
    return stmt;
  };
  return new Proxy(raw, {
    get(target, property, receiver) {
      if (property === 'prepare') return prepare;
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Connections to PostgreSQL a process holds at most, unless told otherwise. */
export const POOL_SIZE = 10;

export interface OpenOptions {
  /** Most connections to PostgreSQL this process may hold. */
  poolSize?: number;
  readonly?: boolean;
  /** SQLite's page cache for this connection (SQLITE_CACHE_MB); the default when not given. */
  cacheBytes?: number;
}

/** Opens the database and checks that it answers. Each driver is loaded when first needed, so
 *  a command on SQLite does not load the PostgreSQL one, nor the other way round. */
export async function openStore(target: DatabaseTarget, options: OpenOptions = {}): Promise<Store> {
  const description = describeDatabase(target);
  if (target.kind === 'sqlite') {
    const { default: SqliteDatabase } = await import('better-sqlite3');
    let raw: SqliteDatabase.Database;
    refuseUnusableSqliteFile(target.file);
    try {
      fs.mkdirSync(path.dirname(target.file), { recursive: true });
      raw = new SqliteDatabase(target.file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
      if (!options.readonly) raw.pragma('journal_mode = WAL');
      raw.pragma('foreign_keys = ON');
      raw.pragma('busy_timeout = 5000');
      raw.pragma('synchronous = NORMAL');
      // SQLITE_CACHE_MB (SQLite's own default is 2 MB): the duplicate index and listings stay in
      // memory. It fills up on a large archive and is malloc'd memory of the process for good.
      raw.pragma(`cache_size = -${Math.max(1, Math.round((options.cacheBytes ?? SQLITE_CACHE_MB_DEFAULT * 1024 * 1024) / 1024))}`);
    } catch (error) {
      throw new DatabaseUnavailableError(`Cannot open the ${description}: ${(error as Error).message}`);
    }
    let damage: string | null = null;
    const db = new Kysely<Database>({
      dialect: new ImmediateSqliteDialect({ database: withStatementCache(raw) }),
      log: (event) => {
        if (event.level === 'error' && isDamagedDatabaseError(event.error)) damage ??= (event.error as Error).message;
      },
    });
    return { db, kind: 'sqlite', sqlite: raw, description, damage: () => damage, close: () => db.destroy() };
  }

  const { default: pgDriver } = await import('pg');
  const pool = new pgDriver.Pool({
    connectionString: target.url,
    max: options.poolSize ?? POOL_SIZE,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    types: pgTypesOf(pgDriver.types),
  });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  // Nor one that is checked out between queries (a transaction's, or the job locks' session,
  // src/db/job-lock.ts): pg emits 'error' on it, and the pool listens only while it is idle.
  // The query in progress or the next one fails, and the pool drops the client when released.
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy().catch(() => {});
    throw new DatabaseUnavailableError(`Cannot reach the ${description}: ${(error as Error).message || String(error)}`);
  }
  return { db, kind: 'postgres', sqlite: null, description, damage: () => null, close: () => db.destroy() };
}

/** Runs `fn` in a transaction, joining the caller's if there is one, so that domain commands
 *  compose: the demo seed wraps hundreds of createArticle calls in one transaction. */
export function inTransaction<T>(db: DB, fn: (trx: DB) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

/**
 * Runs `fn` under a savepoint of the caller's transaction: when it throws, its own writes are
 * undone and the transaction goes on (a batch where one bad item must not stop the rest).
 */
export async function inSavepoint<T>(trx: DB, fn: () => Promise<T>): Promise<T> {
  await sql`savepoint wd_step`.execute(trx);
  try {
    const value = await fn();
    await sql`release savepoint wd_step`.execute(trx);
    return value;
  } catch (error) {
    await sql`rollback to savepoint wd_step`.execute(trx);
    await sql`release savepoint wd_step`.execute(trx);
    throw error;
  }
}

/** Which database a handle (or a transaction) talks to, for the few queries that differ. */
export function dialectOf(db: DB): DatabaseKind {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** How many connections the PostgreSQL server takes (max_connections); null on SQLite. */
export async function connectionLimit(store: Store): Promise<number | null> {
  if (store.kind !== 'postgres') return null;
  const { rows } = await sql<{ max_connections: string }>`show max_connections`.execute(store.db);
  const max = Number(rows[0]?.max_connections);
  return Number.isFinite(max) ? max : null;
}
