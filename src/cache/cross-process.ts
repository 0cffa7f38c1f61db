import type pg from 'pg';
import type { DatabaseTarget } from '../config.js';
import { CHANGE_CHANNEL, emitContentChange, parseNotification } from '../content/events.js';
import { SITE_KEY } from '../content/surrogate-keys.js';
import type { Store } from '../db/connect.js';

/*
 * Hearing the other processes' changes, so their caches and ours agree.
 * - PostgreSQL: a dedicated connection LISTENs on the channel every commit NOTIFYs (events.ts).
 *   Notifications are not replayed, so after connecting (and after every reconnect) everything
 *   cached is dropped; a lost connection is retried with a doubling wait.
 * - SQLite: another process writing the file (the CLI's `wiredesk ingest`, say) changes
 *   `PRAGMA data_version` for this connection; then everything cached is dropped.
 */

export interface ChangeListener {
  /** Connected and listening (PostgreSQL), or watching the file (SQLite). */
  readonly listening: boolean;
  readonly reconnects: number;
  /** Settles after the first attempt to listen, whether it worked or not. */
  readonly ready: Promise<void>;
  stop(): Promise<void>;
}

interface Log {
  warn(obj: object, msg: string): void;
  info(msg: string): void;
}

export interface ListenOptions {
  /** SQLite: how often the file is checked for other processes' writes. */
  pollMs?: number;
  /** PostgreSQL: the first wait before reconnecting, doubled after each failure up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
}

export function listenForOtherProcesses(database: DatabaseTarget, store: Store, log: Log, options: ListenOptions = {}): ChangeListener {
  return database.kind === 'postgres' ? listenOnPostgres(database.url, log, options) : watchSqliteFile(store, options);
}

function listenOnPostgres(url: string, log: Log, options: ListenOptions): ChangeListener {
  const first = options.backoffMs ?? 500;
  const max = options.maxBackoffMs ?? 30_000;
  let client: pg.Client | null = null;
  let stopped = false;
  let listening = false;
  let reconnects = 0;
  let wait = first;
  let timer: NodeJS.Timeout | null = null;

  const retry = () => {
    listening = false;
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = null;
      reconnects++;
      void connect();
    }, wait);
    timer.unref();
    wait = Math.min(max, wait * 2);
  };

  async function connect(): Promise<void> {
    // The driver is loaded here, so a server on SQLite never loads it.
    const { default: pgDriver } = await import('pg');
    if (stopped) return;
    const c = new pgDriver.Client({ connectionString: url, application_name: 'wiredesk-listen' });
    client = c;
    c.on('error', (error) => {
      log.warn({ err: error }, 'cache invalidations: the listening connection failed; reconnecting');
      void c.end().catch(() => undefined);
      if (client === c) retry();
    });
    c.on('end', () => {
      if (client === c && !stopped) retry();
    });
    c.on('notification', (message) => {
      const keys = message.channel === CHANGE_CHANNEL && message.payload ? parseNotification(message.payload) : null;
      if (keys?.length) emitContentChange(keys, 'remote');
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANGE_CHANNEL}`);
      if (stopped) return void (await c.end());
      listening = true;
      wait = first;
      // What changed while nobody listened is unknown: start again from nothing.
      emitContentChange([SITE_KEY], 'remote');
    } catch (error) {
      log.warn({ err: error as Error }, 'cache invalidations: cannot listen to the database; retrying');
      void c.end().catch(() => undefined);
      if (client === c) retry();
    }
  }

  const ready = connect();
  return {
    ready,
    get listening() {
      return listening;
    },
    get reconnects() {
      return reconnects;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      listening = false;
      await client?.end().catch(() => undefined);
    },
  };
}

function watchSqliteFile(store: Store, options: ListenOptions): ChangeListener {
  const sqlite = store.sqlite;
  if (!sqlite) return { listening: false, reconnects: 0, ready: Promise.resolve(), stop: async () => undefined };
  const version = () => {
    try {
      return sqlite.pragma('data_version', { simple: true }) as number;
    } catch {
      return null; // closed
    }
  };
  let seen = version();
  const timer = setInterval(() => {
    const now = version();
    if (now !== null && now !== seen) {
      seen = now;
      emitContentChange([SITE_KEY], 'remote');
    }
  }, options.pollMs ?? 1_000);
  timer.unref();
  return {
    listening: true,
    reconnects: 0,
    ready: Promise.resolve(),
    stop: async () => clearInterval(timer),
  };
}
