import { asArray, contentAsHtml, isoOrNull, looksLikeOrganisation, rawXmlText, text, type WireCandidate } from '../item.js';

/**
 * RSS 2.0, Atom 1.0 and JSON Feed 1.1 carry no versions: every item is version 1. The agency
 * credited is the one the item names: its source (RSS `source`, `dc:publisher`; Atom `source`),
 * or its author (RSS `dc:creator`, Atom `author`, JSON Feed `authors`) when that reads like an
 * organisation rather than a byline; else the one the feed as a whole names (its author or
 * publisher); else the configured source's agency; else the feed's title.
 */

type Candidate = WireCandidate;
type Node = Record<string, unknown>;

/** Elements the parser keeps raw, so their content types can be honoured (see contentAsHtml). */
export const RAW_FEED_NODES = ['feed.entry.content', 'feed.entry.summary', 'feed.entry.title'];

const base = (agency: string, itemId: string, time: string | null): Candidate => ({
  agency,
  itemId,
  version: 1,
  versionTime: time ?? new Date().toISOString(),
  headline: '',
  bodyHtml: '',
  byline: '',
  datelineCity: '',
  datelineCountry: null,
  language: '',
  subjects: [],
  images: [],
  urgency: null,
  embargo: null,
  status: 'usable',
});

const firstNamed = (...names: unknown[]) => names.map((n) => (typeof n === 'string' ? n.replace(/\s+/g, ' ').trim() : '')).find(Boolean) ?? '';
/** An author field as a credit: only when it names an organisation. */
const orgOnly = (names: string[]) => (names.length && names.every(looksLikeOrganisation) ? names.join(', ') : '');

export function fromRss(doc: Node, agency: string | undefined): Candidate[] {
  const channel = ((doc.rss as Node | undefined)?.channel ?? {}) as Node;
  const feedAgency = firstNamed(text(channel['dc:publisher']), text(channel['dc:creator']), agency, text(channel.title)) || 'Unknown agency';
  const language = text(channel.language);
  return asArray(channel.item as Node | Node[]).map((item) => {
    const id = text(item.guid) || text(item.link) || '';
    const media = asArray(item['media:content'] as Node | Node[]).concat(asArray(item['media:thumbnail'] as Node | Node[]));
    const enclosures = asArray(item.enclosure as Node | Node[]).filter((e) => String(e['@type'] ?? '').startsWith('image/'));
    const content = text(item['content:encoded']);
    const creators = asArray(item['dc:creator'] as unknown)
      .map(text)
      .filter(Boolean);
    return {
      ...base(
        firstNamed(text(item.source), text(item['dc:publisher']), orgOnly(creators), feedAgency),
        id,
        isoOrNull(text(item.pubDate)) ?? isoOrNull(text(item['dc:date'])),
      ),
      headline: text(item.title),
      // The description is the standfirst beside a full body; alone, it is the body.
      standfirst: content ? text(item.description) : '',
      bodyHtml: content || text(item.description),
      byline: creators.join(', ') || text(item.author),
      language,
      subjects: asArray(item.category as unknown)
        .map(text)
        .filter(Boolean),
      images: [...media, ...enclosures]
        .map((m) => ({
          url: String(m['@url'] ?? ''),
          caption: text(m['media:description']),
          credit: text(m['media:credit']),
          usageTerms: text(m['media:copyright']),
        }))
        .filter((m) => /^https?:\/\//.test(m.url)),
    };
  });
}

/** An Atom text construct or content element kept raw, as HTML. */
function atomHtml(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string' || typeof node === 'number') return contentAsHtml(String(node), undefined);
  const n = node as Node;
  if (n['@src']) return '';
  return contentAsHtml(String(n['#text'] ?? ''), typeof n['@type'] === 'string' ? n['@type'] : 'text');
}

const atomPlain = (node: unknown) => {
  const raw = typeof node === 'object' && node ? String((node as Node)['#text'] ?? '') : String(node ?? '');
  return typeof node === 'object' && node && /html/i.test(String((node as Node)['@type'] ?? '')) ? atomHtml(node) : rawXmlText(raw);
};

const authorNames = (authors: unknown) =>
  asArray(authors as Node | Node[])
    .map((a) => (typeof a === 'object' && a ? text(a.name) : text(a)))
    .filter(Boolean);

export function fromAtom(doc: Node, agency: string | undefined): Candidate[] {
  const feed = (doc.feed ?? {}) as Node;
  const feedAgency = firstNamed(authorNames(feed.author).join(', '), agency, text(feed.title)) || 'Unknown agency';
  const language = String(feed['@xml:lang'] ?? '');
  return asArray(feed.entry as Node | Node[]).map((entry) => {
    const links = asArray(entry.link as Node | Node[]);
    const source = (entry.source ?? {}) as Node;
    const body = atomHtml(entry.content);
    const summary = atomHtml(entry.summary);
    return {
      ...base(
        firstNamed(text(source.title), authorNames(source.author).join(', '), orgOnly(authorNames(entry.author)), feedAgency),
        text(entry.id),
        isoOrNull(text(entry.updated)) ?? isoOrNull(text(entry.published)),
      ),
      headline: atomPlain(entry.title),
      standfirst: body ? summary : '',
      bodyHtml: body || summary,
      byline: [...authorNames(entry.author), ...authorNames(entry.contributor)].filter((n) => !looksLikeOrganisation(n)).join(', '),
      language: String(entry['@xml:lang'] ?? language),
      subjects: asArray(entry.category as Node | Node[])
        .map((c) => String(c['@term'] ?? ''))
        .filter(Boolean),
      images: links
        .filter((l) => l['@rel'] === 'enclosure' && String(l['@type'] ?? '').startsWith('image/'))
        .map((l) => ({ url: String(l['@href'] ?? ''), caption: String(l['@title'] ?? ''), credit: '', usageTerms: '' }))
        .filter((m) => /^https?:\/\//.test(m.url)),
    };
  });
}

const jsonAuthors = (item: Node) =>
  [...asArray(item.authors as Node[]), ...asArray(item.author as Node)]
    .map((a) => (a && typeof a === 'object' && typeof (a as Node).name === 'string' ? String((a as Node).name) : ''))
    .filter(Boolean);

export function fromJsonFeed(doc: Node, agency: string | undefined): Candidate[] {
  const feedAgency = firstNamed(jsonAuthors(doc).join(', '), agency, typeof doc.title === 'string' ? doc.title : '') || 'Unknown agency';
  const language = typeof doc.language === 'string' ? doc.language : '';
  // An entry that is not an object (null, a number, a list) reads as an item with nothing in it, so it is rejected on its own.
  const items = asArray(doc.items as unknown[]).map((item) => (item && typeof item === 'object' && !Array.isArray(item) ? (item as Node) : {}));
  return items.map((item) => ({
    ...base(firstNamed(orgOnly(jsonAuthors(item)), feedAgency), String(item.id ?? ''), isoOrNull(item.date_modified) ?? isoOrNull(item.date_published)),
    byline: jsonAuthors(item)
      .filter((n) => !looksLikeOrganisation(n))
      .join(', '),
    headline: typeof item.title === 'string' ? item.title : '',
    standfirst: typeof item.summary === 'string' ? item.summary : '',
    bodyHtml:
      typeof item.content_html === 'string'
        ? item.content_html
        : typeof item.content_text === 'string'
          ? contentAsHtml(escapeForXml(item.content_text), 'text')
          : '',
    language: typeof item.language === 'string' ? item.language : language,
    subjects: asArray(item.tags as unknown[]).filter((t): t is string => typeof t === 'string'),
    images: typeof item.image === 'string' && /^https?:\/\//.test(item.image) ? [{ url: item.image, caption: '', credit: '', usageTerms: '' }] : [],
  }));
}

/** JSON text handed to the XML-content helper must not have its '&' read as entities. */
const escapeForXml = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
