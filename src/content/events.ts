import { EventEmitter } from 'node:events';
import { inTransaction, type DB } from '../db/connect.js';

/**
 * "Published content changed": in-process caches (the site directory, built feeds and
 * sitemaps) listen and drop what they hold, so a publication shows at once. Several processes
 * on PostgreSQL do not hear each other yet; their caches expire within seconds.
 */
export const contentEvents = new EventEmitter();
contentEvents.setMaxListeners(50);

export function onContentChanged(listener: () => void): () => void {
  contentEvents.on('changed', listener);
  return () => contentEvents.off('changed', listener);
}

/** Runs a write in a transaction and, when it is the outermost one, announces the change after
 *  the commit (never before: a cache refilled too early would keep the old state). */
export async function changeContent<T>(db: DB, fn: (trx: DB) => Promise<T>): Promise<T> {
  const outermost = !db.isTransaction;
  const result = await inTransaction(db, fn);
  if (outermost) contentEvents.emit('changed');
  return result;
}

/** Announces a change made outside changeContent, unless a transaction is still open. */
export function announceChange(db: DB): void {
  if (!db.isTransaction) contentEvents.emit('changed');
}
