import { checkStatus, chunks, trimSlashes, type PurgeAdapter } from './types.js';

/** Fastly's batch purge takes at most 256 surrogate keys a call. */
export const FASTLY_KEYS_PER_CALL = 256;

/** Fastly's API: `POST /service/{id}/purge` with `Surrogate-Key: k1 k2 …`, and
 *  `POST /service/{id}/purge_all`. */
export function fastlyAdapter(options: { apiUrl: string; serviceId: string; apiToken: string }): PurgeAdapter {
  const service = `${trimSlashes(options.apiUrl)}/service/${encodeURIComponent(options.serviceId)}`;
  const headers = { 'Fastly-Key': options.apiToken, Accept: 'application/json' };
  return {
    name: 'fastly',
    secrets: [options.apiToken],
    requests: (keys) =>
      chunks(keys, FASTLY_KEYS_PER_CALL).map((batch) => ({
        url: `${service}/purge`,
        method: 'POST',
        headers: { ...headers, 'Surrogate-Key': batch.join(' ') },
        keyCount: batch.length,
      })),
    purgeAllRequests: () => [{ url: `${service}/purge_all`, method: 'POST', headers: { ...headers }, keyCount: 0 }],
    check: checkStatus,
  };
}
