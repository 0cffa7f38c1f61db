import { outboundFetch } from '../net/outbound.js';
import { absoluteUrl, atomPath, jsonFeedPath, rssPath } from '../presentation/urls.js';

/**
 * WebSub (W3C): every feed names the hub (WEBSUB_HUB) beside its own address, and when stories go
 * out, change or are taken down the hub is told which feeds changed, so subscribers hear at once
 * instead of polling. Telling the hub is best effort: a failure is logged and the next change
 * tells it again.
 */

/** The feeds the hub is told of: the site's RSS, Atom and JSON Feed. */
export const websubTopics = (siteUrl: string) => [rssPath('/'), atomPath, jsonFeedPath].map((p) => absoluteUrl(siteUrl, p));

/** Tells the hub that `topics` changed (one form POST per topic, `hub.mode=publish`), through the
 *  outbound client: the hub is the operator's setting, so its own address is trusted; redirects
 *  are not followed. */
export async function pingHub(
  hub: string,
  topics: string[],
  options: { timeoutMs?: number } = {},
): Promise<{ topic: string; ok: boolean; status: number | null }[]> {
  return Promise.all(
    topics.map(async (topic) => {
      try {
        const res = await outboundFetch(hub, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'Wiredesk-WebSub/1' },
          body: new URLSearchParams({ 'hub.mode': 'publish', 'hub.url': topic }).toString(),
          redirect: 'manual',
          timeoutMs: options.timeoutMs ?? 10_000,
          maxBytes: Number.POSITIVE_INFINITY, // the body is not read: only the status counts
          trust: [hub],
        });
        await res.body?.cancel().catch(() => {});
        return { topic, ok: res.status >= 200 && res.status < 300, status: res.status };
      } catch {
        return { topic, ok: false, status: null };
      }
    }),
  );
}
