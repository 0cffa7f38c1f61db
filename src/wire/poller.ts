import type { DB } from '../db/connect.js';
import { emptySummary, type IngestItemOptions, type IngestSummary } from './ingest.js';
import { parseWire } from './parse.js';
import { ingestParsed, optionsForSource, readBounded } from './run.js';
import { recordPoll, type WireSource } from './sources.js';

const POLL_TIMEOUT_MS = 30_000;

/**
 * Polls a source URL when it is due: a conditional GET (ETag, Last-Modified), a time-out and the
 * size limit; new content is parsed and ingested. A failure doubles the wait before the next try.
 * Returns null when the source was not due.
 */
export async function pollSource(db: DB, source: WireSource, now = Date.now(), hooks: Pick<IngestItemOptions, 'heroFor'> = {}): Promise<IngestSummary | null> {
  if (!source.url) return null;
  if (source.nextPollAt && Date.parse(source.nextPollAt) > now) return null;
  const summary = emptySummary();
  try {
    const headers: Record<string, string> = { 'user-agent': 'Wiredesk wire desk', accept: 'application/xml, application/json, */*' };
    if (source.etag) headers['if-none-match'] = source.etag;
    if (source.lastModified) headers['if-modified-since'] = source.lastModified;
    const res = await fetch(source.url, { headers, signal: AbortSignal.timeout(POLL_TIMEOUT_MS), redirect: 'follow' });
    if (res.status === 304) {
      await recordPoll(db, source, { ok: true, items: 0, etag: source.etag, lastModified: source.lastModified }, now);
      return summary;
    }
    if (!res.ok) throw new Error(`answered ${res.status} ${res.statusText}`.trim());
    const parsed = parseWire(await readBounded(res, source.url), { agency: source.agency });
    await ingestParsed(db, parsed, source.url, summary, optionsForSource(source, hooks));
    await recordPoll(db, source, { ok: true, items: parsed.items.length, etag: res.headers.get('etag'), lastModified: res.headers.get('last-modified') }, now);
    return summary;
  } catch (error) {
    const reason = error instanceof Error ? (error.name === 'TimeoutError' ? `no answer within ${POLL_TIMEOUT_MS / 1000} s` : error.message) : String(error);
    await recordPoll(db, source, { ok: false, error: reason }, now);
    summary.rejected.push({ itemId: null, file: source.url, reason });
    return summary;
  }
}
