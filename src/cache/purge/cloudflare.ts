import { PurgeFailure, chunks, excerpt, readText, retryableStatus, trimSlashes, type PurgeAdapter, type PurgeRequest } from './types.js';

/** Cloudflare's purge by cache tag takes at most 100 tags a call. */
export const CLOUDFLARE_TAGS_PER_CALL = 100;

/** Cloudflare's API: `POST /zones/{zone}/purge_cache` with `{"tags":[…]}` or `{"purge_everything":true}`;
 *  the answer is `{"success":true|false,"errors":[…]}`. */
export function cloudflareAdapter(options: { apiUrl: string; zoneId: string; apiToken: string }): PurgeAdapter {
  const url = `${trimSlashes(options.apiUrl)}/zones/${encodeURIComponent(options.zoneId)}/purge_cache`;
  const request = (body: object, keyCount: number): PurgeRequest => ({
    url,
    method: 'POST',
    headers: { Authorization: `Bearer ${options.apiToken}`, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
    keyCount,
  });
  return {
    name: 'cloudflare',
    secrets: [options.apiToken],
    requests: (keys) => chunks(keys, CLOUDFLARE_TAGS_PER_CALL).map((tags) => request({ tags }, tags.length)),
    purgeAllRequests: () => [request({ purge_everything: true }, 0)],
    async check(response) {
      const text = await readText(response);
      let answer: unknown;
      try {
        answer = JSON.parse(text);
      } catch {
        answer = undefined;
      }
      const said = errorsOf(answer) || excerpt(text);
      if (!response.ok) throw new PurgeFailure(`HTTP ${response.status}${said ? `: ${said}` : ''}`, retryableStatus(response.status));
      const success = typeof answer === 'object' && answer !== null ? (answer as { success?: unknown }).success : undefined;
      if (success === true) return;
      if (success === false) throw new PurgeFailure(`Cloudflare answered success:false${said ? `: ${said}` : ''}`, false);
      throw new PurgeFailure(`the answer is not Cloudflare's JSON${said ? `: ${said}` : ''}`, false);
    },
  };
}

/** `errors: [{code, message}]` as "1234 message; …". */
function errorsOf(answer: unknown): string {
  const errors = typeof answer === 'object' && answer !== null ? (answer as { errors?: unknown }).errors : undefined;
  if (!Array.isArray(errors)) return '';
  return excerpt(
    errors
      .map((e: unknown) => {
        const { code, message } = (typeof e === 'object' && e !== null ? e : {}) as { code?: unknown; message?: unknown };
        return [code, message].filter((x) => typeof x === 'string' || typeof x === 'number').join(' ');
      })
      .filter(Boolean)
      .join('; '),
  );
}
