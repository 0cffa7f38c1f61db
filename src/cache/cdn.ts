import { onContentChanged } from '../content/events.js';
import { SITE_KEY } from '../content/surrogate-keys.js';
import type { BatchingCdnPurger } from './cdn-purge.js';

/**
 * Purges at the CDN what this process changed (and what it noticed changed: trending, the
 * menu). Changes heard from other processes are theirs to purge, so each purge is sent once.
 * Returns a function that stops listening and sends what is still waiting.
 */
export function purgeCdnOnChanges(purger: BatchingCdnPurger): () => Promise<void> {
  const stop = onContentChanged((change) => {
    if (change.origin === 'remote') return;
    void (change.keys.has(SITE_KEY) ? purger.purgeAll() : purger.purge([...change.keys]));
  });
  return async () => {
    stop();
    await purger.close();
  };
}
