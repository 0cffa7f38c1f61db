import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { startPeriodic } from '../util/periodic.js';
import { dialectOf, type DB } from './connect.js';

/*
 * Background jobs that run in one process at a time, however many processes share the database
 * (cluster workers of `wiredesk serve --workers N`, or servers started separately on one
 * PostgreSQL). Every process starts every job; each run first asks for the job's lock and, when
 * another process holds it, does nothing this tick. So the work of a tick is done once, and a
 * process that dies in the middle of a run lets go of the lock with its connection: the next
 * tick of any other process takes the job over.
 *
 * PostgreSQL: a session-level advisory lock, `pg_try_advisory_lock(JOB_LOCK_SPACE, key)`, taken
 * at the start of a run and released at its end. Session locks belong to one connection, and
 * Kysely's pool hands out a different connection per query, so the locks of a process go over
 * one connection reserved for them (`db.connection()`), the "lock session", held only while some
 * job of this process runs (one connection however many jobs run at once; the jobs' own queries
 * use the pool as always). The lock session asks the server to probe the client after 10 s of
 * silence (TCP keepalive), so a machine that vanishes frees its locks within about 25 s; a
 * process that exits or is killed frees them at once.
 * Not per run in a transaction (`pg_try_advisory_xact_lock`): a run is many transactions, some
 * long (a newsletter sends for minutes), and a transaction kept open that long holds back vacuum
 * and meets idle-in-transaction time-outs. Not a held "leader" lock either: a process would
 * keep a connection and the job for good, and a drop folder seen by one machine only would
 * never be scanned while another is leader.
 *
 * In-process, the same lock is also kept in memory, so two instances in one process exclude
 * each other too: on SQLite (one process is the supported mode) that is the whole mechanism,
 * and `wiredesk ingest` from the CLI, which runs no job, goes on as before.
 */

/** Every job that must run in one process at a time. */
export const jobNames = ['scheduler', 'wire-sources', 'webhooks', 'newsletter', 'notification-mail', 'views-rollup', 'housekeeping'] as const;
export type JobName = (typeof jobNames)[number];

/** The first key of every job lock ("WDJL"); the second is jobLockKey. publication-events.ts's
 *  one-key lock lives in PostgreSQL's other key space and cannot collide. */
export const JOB_LOCK_SPACE = 0x5744_4a4c;

export function jobLockKey(job: JobName): number {
  return createHash('sha256').update(`wiredesk:${job}`).digest().readUInt32BE(0) & 0x7fff_ffff;
}

export type Exclusive<T> = { ran: true; value: T } | { ran: false };

// ── In this process ─────────────────────────────────────────────────────────

/** Jobs running in this process, by database (an SQLite file is one database, whatever handle
 *  opens it; a PostgreSQL handle is its own, the server excluding the others). */
const runningHere = new Map<string, Set<JobName>>();
const identities = new WeakMap<DB, Promise<string>>();
let handles = 0;

function identityOf(db: DB): Promise<string> {
  let id = identities.get(db);
  if (!id) {
    const own = `handle:${++handles}`;
    id =
      dialectOf(db) === 'sqlite'
        ? sql<{ file: string }>`select file from pragma_database_list where name = 'main'`
            .execute(db)
            .then(({ rows }) => (rows[0]?.file ? `sqlite:${rows[0].file}` : own))
        : Promise.resolve(own);
    id.catch(() => identities.delete(db));
    identities.set(db, id);
  }
  return id;
}

// ── PostgreSQL's lock session ───────────────────────────────────────────────

interface Session {
  conn: DB;
  users: number;
  /** What `sessions` holds while this is the handle's current session. */
  entry: Promise<Session> | null;
  release(): void;
}

/** The current lock session of each PostgreSQL handle. */
const sessions = new WeakMap<DB, Promise<Session>>();

function openSession(db: DB): Promise<Session> {
  return new Promise((resolve, reject) => {
    db.connection()
      .execute(async (conn) => {
        // Probe a silent client after 10 s, every 5 s, 3 times: a vanished machine's locks go in ~25 s.
        await sql`select set_config('tcp_keepalives_idle', '10', false), set_config('tcp_keepalives_interval', '5', false), set_config('tcp_keepalives_count', '3', false)`.execute(
          conn,
        );
        await new Promise<void>((release) => resolve({ conn, users: 0, entry: null, release }));
        // Every run unlocked its job; should an unlock have failed on a connection that lives,
        // no lock may go back into the pool with it.
        await sql`select pg_advisory_unlock_all()`.execute(conn).catch(() => {});
      })
      .catch(reject);
  });
}

/** The handle's lock session, opened if there is none; the caller holds it until leaveSession. */
async function enterSession(db: DB): Promise<Session> {
  for (;;) {
    let entry = sessions.get(db);
    if (!entry) {
      const opening = openSession(db);
      entry = opening;
      sessions.set(db, opening);
      opening.catch(() => sessions.get(db) === opening && sessions.delete(db));
    }
    const session = await entry;
    if (sessions.get(db) !== entry) continue; // given back or broken meanwhile: take the next one
    session.entry = entry;
    session.users += 1;
    return session;
  }
}

/** Stops offering this session to new runs. */
function retire(db: DB, session: Session): void {
  if (session.entry && sessions.get(db) === session.entry) sessions.delete(db);
  session.entry = null;
}

function leaveSession(db: DB, session: Session): void {
  session.users -= 1;
  if (session.users > 0) return;
  // Nobody holds a lock on it: give the connection back (a broken one is dropped by the pool).
  retire(db, session);
  session.release();
}

async function onSession<T>(db: DB, session: Session, query: (conn: DB) => Promise<T>): Promise<T> {
  try {
    return await query(session.conn);
  } catch (error) {
    // The connection is gone, and its locks with it: later runs open another.
    retire(db, session);
    throw error;
  }
}

// ── Running exclusively ─────────────────────────────────────────────────────

/**
 * Runs `fn` unless `job` is running already, in this process or in another one sharing the
 * database; says whether it ran (and what it returned). An error of `fn` is thrown after the
 * lock is let go.
 */
export async function runExclusive<T>(db: DB, job: JobName, fn: () => Promise<T>): Promise<Exclusive<T>> {
  const id = await identityOf(db);
  const here = runningHere.get(id) ?? new Set<JobName>();
  runningHere.set(id, here);
  if (here.has(job)) return { ran: false };
  here.add(job);
  try {
    if (dialectOf(db) !== 'postgres') return { ran: true, value: await fn() };
    const key = jobLockKey(job);
    const session = await enterSession(db);
    try {
      const { rows } = await onSession(db, session, (conn) =>
        sql<{ locked: boolean }>`select pg_try_advisory_lock(${JOB_LOCK_SPACE}, ${key}) as locked`.execute(conn),
      );
      if (!rows[0]?.locked) return { ran: false };
      try {
        return { ran: true, value: await fn() };
      } finally {
        // If the session broke meanwhile, the lock went with it.
        await onSession(db, session, (conn) => sql`select pg_advisory_unlock(${JOB_LOCK_SPACE}, ${key})`.execute(conn)).catch(() => {});
      }
    } finally {
      leaveSession(db, session);
    }
  } finally {
    here.delete(job);
  }
}

/** A periodic job run by one process at a time (see startExclusiveJob). */
export interface ExclusiveJob {
  /** Runs the job now (or waits for this instance's run in progress); true when this process
   *  ran it, false when another held it (or the run failed: onError was told). */
  tick(): Promise<boolean>;
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

/** Runs `task` now and every `intervalMs` through runExclusive: every process starts the job,
 *  and each tick's work is done by whichever gets the lock. */
export function startExclusiveJob(db: DB, job: JobName, task: () => Promise<void>, intervalMs: number, onError: (error: unknown) => void): ExclusiveJob {
  const periodic = startPeriodic(async () => (await runExclusive(db, job, task)).ran, intervalMs, onError);
  return { tick: async () => (await periodic.tick()) ?? false, stop: () => periodic.stop() };
}
