import { EventEmitter } from 'node:events';

/**
 * "Agency copy was stored": told after the commit by this process's ingest, so the inbox's
 * live arrivals (newsroom/inbox-arrivals.ts) look at once. Other processes' arrivals are found
 * by that watcher's cheap poll of the newest item, since a draft changes no public page and so
 * sends no content notification.
 */
const arrivals = new EventEmitter();
arrivals.setMaxListeners(50);

export function onWireArrival(listener: () => void): () => void {
  arrivals.on('arrived', listener);
  return () => arrivals.off('arrived', listener);
}

export function announceWireArrival(): void {
  arrivals.emit('arrived');
}
