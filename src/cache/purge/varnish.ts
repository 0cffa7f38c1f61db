import { PurgeFailure, readText, excerpt, retryableStatus, type PurgeAdapter, type PurgeRequest } from './types.js';

/** Varnish's default limit is 8 KB per header line (http_req_hdr_len): stay under it. */
export const XKEY_HEADER_MAX = 7_900;

/** Varnish with the xkey vmod and ops/varnish/wiredesk.vcl: `PURGE /` with `xkey-purge: k1 k2 …`
 *  to every configured server; everything is `site`, which every cacheable answer carries. */
export function varnishAdapter(servers: readonly string[]): PurgeAdapter {
  const requests = (keys: readonly string[]): PurgeRequest[] =>
    packHeaders(keys, XKEY_HEADER_MAX).flatMap((line) =>
      servers.map((url) => ({ url, method: 'PURGE', headers: { 'xkey-purge': line.join(' ') }, keyCount: line.length })),
    );
  return {
    name: 'varnish',
    secrets: [],
    requests,
    purgeAllRequests: () => requests(['site']),
    async check(response) {
      const text = await readText(response);
      if (response.ok) return;
      const hint = response.status === 405 ? ' (is this address in the VCL’s purgers ACL?)' : '';
      throw new PurgeFailure(`HTTP ${response.status}: ${excerpt(text)}${hint}`, retryableStatus(response.status));
    },
  };
}

/** Keys joined by spaces into header values of at most `max` characters (keys are ASCII). */
export function packHeaders(keys: readonly string[], max: number): string[][] {
  const lines: string[][] = [];
  let line: string[] = [];
  let length = 0;
  for (const key of keys) {
    const added = line.length === 0 ? key.length : length + 1 + key.length;
    if (added > max && line.length > 0) {
      lines.push(line);
      line = [key];
      length = key.length;
    } else {
      line.push(key);
      length = added;
    }
  }
  if (line.length > 0) lines.push(line);
  return lines;
}
