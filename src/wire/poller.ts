import type { DB } from '../db/connect.js';
import { describeFailure, describeStatus, outboundFetch } from '../net/outbound.js';
import { emptySummary, type IngestSummary } from './ingest.js';
import { WireFormatError } from './item.js';
import { MAX_INPUT_BYTES } from './safe-input.js';
import { parseWire } from './parse.js';
import { ingestParsed, optionsForSource, readBounded, type SourceHooks } from './run.js';
import { recordPoll, type WireSource } from './sources.js';

const POLL_TIMEOUT_MS = 30_000;

/** A failed request or read as an error whose message is ours (the size limit's, a time-out's,
 *  a refusal's), never anything the server said. */
function inOurWords(error: unknown): never {
  throw error instanceof WireFormatError ? error : new Error(describeFailure(error, POLL_TIMEOUT_MS));
}

/**
 * Polls a source URL when it is due: a conditional GET (ETag, Last-Modified) through the
 * outbound client (its address checked against `hooks.outbound`, redirects too), a time-out and
 * the size limit; new content is parsed and ingested. A failure doubles the wait before the next
 * try; its reason is ours, never the server's words. Returns null when the source was not due.
 */
export async function pollSource(db: DB, source: WireSource, now = Date.now(), hooks: SourceHooks = {}): Promise<IngestSummary | null> {
  if (!source.url) return null;
  if (source.nextPollAt && Date.parse(source.nextPollAt) > now) return null;
  const summary = emptySummary();
  try {
    const headers: Record<string, string> = { 'user-agent': 'Wiredesk wire desk', accept: 'application/xml, application/json, */*' };
    if (source.etag) headers['if-none-match'] = source.etag;
    if (source.lastModified) headers['if-modified-since'] = source.lastModified;
    const res = await outboundFetch(source.url, { headers, timeoutMs: POLL_TIMEOUT_MS, maxBytes: MAX_INPUT_BYTES, policy: hooks.outbound }).catch(inOurWords);
    if (res.status === 304) {
      await recordPoll(db, source, { ok: true, items: 0, etag: source.etag, lastModified: source.lastModified }, now);
      return summary;
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => {});
      throw new Error(describeStatus(res.status));
    }
    const parsed = parseWire(await readBounded(res, source.url).catch(inOurWords), { agency: source.agency });
    await ingestParsed(db, parsed, source.url, summary, optionsForSource(source, hooks));
    await recordPoll(db, source, { ok: true, items: parsed.items.length, etag: res.headers.get('etag'), lastModified: res.headers.get('last-modified') }, now);
    return summary;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await recordPoll(db, source, { ok: false, error: reason }, now);
    summary.rejected.push({ itemId: null, file: source.url, reason });
    return summary;
  }
}
