import { fromAtom, fromJsonFeed, fromRss, RAW_FEED_NODES } from './formats/feeds.js';
import { fromNewsMlG2, fromNinjs } from './formats/iptc.js';
import { finishItem, WireFormatError, type ParseResult, type WireCandidate, type WireFormat } from './item.js';
import { decode, parseJson, parseXml } from './safe-input.js';

export interface ParseOptions {
  /** The configured source's agency: credited only where the feed names none. */
  agency?: string;
}

type Candidate = WireCandidate;

/**
 * Reads one file or feed response in any supported format into normalised wire items. A
 * document that cannot be read throws WireFormatError; a bad item inside a good document is
 * listed in `rejected` with its reason while the others go on.
 */
export function parseWire(input: Buffer | string, options: ParseOptions = {}): ParseResult {
  const source = decode(input).replace(/^\uFEFF/, '');
  const head = source.trimStart().slice(0, 1);
  let format: WireFormat;
  let candidates: Candidate[];
  if (head === '{' || head === '[') {
    const json = parseJson(source);
    if (
      json &&
      typeof json === 'object' &&
      !Array.isArray(json) &&
      String((json as { version?: unknown }).version ?? '').startsWith('https://jsonfeed.org/version/')
    ) {
      format = 'jsonfeed';
      candidates = fromJsonFeed(json as Record<string, unknown>, options.agency);
    } else {
      format = 'ninjs';
      const list = Array.isArray(json) ? json : [json];
      candidates = list.map((doc) => (doc && typeof doc === 'object' ? fromNinjs(doc as Record<string, unknown>, options.agency) : ({} as Candidate)));
    }
  } else if (head === '<') {
    const doc = parseXml(source, ['*.inlineXML', '*.inlineData', ...RAW_FEED_NODES]);
    if (doc.rss) [format, candidates] = ['rss', fromRss(doc, options.agency)];
    else if (doc.feed) [format, candidates] = ['atom', fromAtom(doc, options.agency)];
    else if (doc.newsItem || doc.newsMessage) [format, candidates] = ['newsml-g2', fromNewsMlG2(doc, options.agency)];
    else
      throw new WireFormatError(
        `Unknown XML document (root element ${Object.keys(doc).filter((k) => !k.startsWith('?'))[0] ?? 'none'}); expected RSS, Atom or NewsML-G2.`,
      );
  } else {
    throw new WireFormatError('The input is neither JSON nor XML.');
  }
  const result: ParseResult = { format, items: [], rejected: [] };
  candidates.forEach((candidate, index) => {
    if (!candidate.itemId) return result.rejected.push({ index, itemId: null, reason: 'the item has no id' });
    const finished = finishItem(candidate);
    if ('reason' in finished) result.rejected.push({ index, itemId: candidate.itemId, reason: finished.reason });
    else result.items.push(finished.item);
  });
  return result;
}
