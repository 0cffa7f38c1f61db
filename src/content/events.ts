import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { sql } from 'kysely';
import { dialectOf, inTransaction, type DB } from '../db/connect.js';
import { SITE_KEY } from './surrogate-keys.js';

/**
 * "Published content changed", with the surrogate keys of what changed (surrogate-keys.ts).
 * In-process caches (the site directory, rendered pages, built feeds) listen and drop what
 * shows those keys, so a publication shows at once and unrelated pages stay cached.
 *
 * Where a change comes from:
 * - `local`: committed by this process (it also tells the CDN);
 * - `remote`: committed by another process on the same PostgreSQL database, heard through
 *   LISTEN/NOTIFY (or a write to the SQLite file by another process);
 * - `derived`: this process noticed on its own that something shown changed (trending moved,
 *   the menu's countries changed); every process notices for itself, so it is not passed on.
 */
export type ChangeOrigin = 'local' | 'remote' | 'derived';

export interface ContentChange {
  keys: ReadonlySet<string>;
  origin: ChangeOrigin;
}

export const contentEvents = new EventEmitter();
contentEvents.setMaxListeners(50);

export function onContentChanged(listener: (change: ContentChange) => void): () => void {
  contentEvents.on('changed', listener);
  return () => contentEvents.off('changed', listener);
}

export function emitContentChange(keys: Iterable<string>, origin: ChangeOrigin): void {
  const set = new Set(keys);
  if (set.size > 0) contentEvents.emit('changed', { keys: set, origin } satisfies ContentChange);
}

/** The PostgreSQL channel every process listens on, and this process's mark on what it sends
 *  (it hears its own notifications too, and has already acted on them). */
export const CHANGE_CHANNEL = 'wiredesk_content';
export const PROCESS_MARK = randomBytes(6).toString('base64url');
/** NOTIFY payloads must stay under 8,000 bytes. */
const MAX_PAYLOAD = 7_000;

/** The keys touched by the transaction in progress (set by changeContent). */
const touched = new AsyncLocalStorage<Set<string>>();

/** Records that the write in progress changes what these keys show. Inside changeContent the
 *  keys are announced after the commit; outside any transaction, at once. */
export function touchContent(db: DB, keys: Iterable<string>): void {
  const collecting = touched.getStore();
  if (collecting) for (const key of keys) collecting.add(key);
  else if (!db.isTransaction) announce(db, new Set(keys));
  // A transaction not opened by changeContent: its caller announces (or nothing is public).
}

/**
 * Runs a write in a transaction and, when it is the outermost one, announces the keys it
 * touched after the commit (never before: a cache refilled too early would keep the old state).
 * On PostgreSQL the other processes are told in the same transaction (NOTIFY is delivered at
 * commit, and only if it commits).
 */
export async function changeContent<T>(db: DB, fn: (trx: DB) => Promise<T>): Promise<T> {
  if (db.isTransaction && touched.getStore()) return fn(db);
  const keys = new Set<string>();
  const result = await touched.run(keys, () =>
    inTransaction(db, async (trx) => {
      const value = await fn(trx);
      if (keys.size > 0) await notifyOtherProcesses(trx, keys);
      return value;
    }),
  );
  emitContentChange(keys, 'local');
  return result;
}

/** Announces a change to what every page shows (settings, taxonomy, static pages, authors). */
export function announceChange(db: DB): void {
  touchContent(db, [SITE_KEY]);
}

function announce(db: DB, keys: Set<string>): void {
  if (keys.size === 0) return;
  emitContentChange(keys, 'local');
  notifyOtherProcesses(db, keys).catch(() => {
    // The others' caches then expire on their own (PAGE_CACHE_TTL_SECONDS).
  });
}

async function notifyOtherProcesses(db: DB, keys: ReadonlySet<string>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  for (const payload of notificationPayloads(keys)) await sql`select pg_notify(${CHANGE_CHANNEL}, ${payload})`.execute(db);
}

/** `<mark> key key …`, split so that no payload is too long; everything when `site` is among them. */
export function notificationPayloads(keys: ReadonlySet<string>): string[] {
  if (keys.has(SITE_KEY)) return [`${PROCESS_MARK} ${SITE_KEY}`];
  const payloads: string[] = [];
  let current = PROCESS_MARK;
  for (const key of keys) {
    if (current.length + key.length + 1 > MAX_PAYLOAD) {
      payloads.push(current);
      current = PROCESS_MARK;
    }
    current += ` ${key}`;
  }
  if (current !== PROCESS_MARK) payloads.push(current);
  return payloads;
}

/** The keys of a notification, or null when this process sent it. */
export function parseNotification(payload: string): string[] | null {
  const [mark, ...keys] = payload.split(' ').filter(Boolean);
  if (!mark || mark === PROCESS_MARK) return null;
  return keys;
}
