import { asArray, isoOrNull, text, type WireItem } from '../item.js';

/** RSS 2.0, Atom 1.0 and JSON Feed 1.1 carry no versions: every item is version 1, and the
 *  feed's own name stands in for the agency unless the source names one. */

type Candidate = Omit<WireItem, 'standfirst'> & { standfirst?: string };
type Node = Record<string, unknown>;

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

export function fromRss(doc: Node, agency: string | undefined): Candidate[] {
  const channel = ((doc.rss as Node | undefined)?.channel ?? {}) as Node;
  const feedAgency = agency ?? (text(channel.title) || 'Unknown agency');
  const language = text(channel.language);
  return asArray(channel.item as Node | Node[]).map((item) => {
    const id = text(item.guid) || text(item.link) || '';
    const media = asArray(item['media:content'] as Node | Node[]).concat(asArray(item['media:thumbnail'] as Node | Node[]));
    const enclosures = asArray(item.enclosure as Node | Node[]).filter((e) => String(e['@type'] ?? '').startsWith('image/'));
    return {
      ...base(feedAgency, id, isoOrNull(text(item.pubDate)) ?? isoOrNull(text(item['dc:date']))),
      headline: text(item.title),
      standfirst: text(item.description),
      bodyHtml: text(item['content:encoded']) || text(item.description),
      byline: text(item['dc:creator']) || text(item.author),
      language,
      subjects: asArray(item.category as unknown).map(text).filter(Boolean),
      images: [...media, ...enclosures]
        .map((m) => ({ url: String(m['@url'] ?? ''), caption: text(m['media:description']), credit: text(m['media:credit']), usageTerms: text(m['media:copyright']) }))
        .filter((m) => /^https?:\/\//.test(m.url)),
    };
  });
}

export function fromAtom(doc: Node, agency: string | undefined): Candidate[] {
  const feed = (doc.feed ?? {}) as Node;
  const feedAgency = agency ?? (text(feed.title) || 'Unknown agency');
  const language = String(feed['@xml:lang'] ?? '');
  return asArray(feed.entry as Node | Node[]).map((entry) => {
    const content = entry.content as Node | string | undefined;
    const links = asArray(entry.link as Node | Node[]);
    const contentText = typeof content === 'object' && content ? String(content['#text'] ?? '') : text(content);
    return {
      ...base(feedAgency, text(entry.id), isoOrNull(text(entry.updated)) ?? isoOrNull(text(entry.published))),
      headline: text(entry.title),
      standfirst: text(entry.summary),
      bodyHtml: contentText || text(entry.summary),
      byline: asArray(entry.author as Node | Node[]).map((a) => text(a.name)).filter(Boolean).join(', '),
      language,
      subjects: asArray(entry.category as Node | Node[]).map((c) => String(c['@term'] ?? '')).filter(Boolean),
      images: links
        .filter((l) => l['@rel'] === 'enclosure' && String(l['@type'] ?? '').startsWith('image/'))
        .map((l) => ({ url: String(l['@href'] ?? ''), caption: String(l['@title'] ?? ''), credit: '', usageTerms: '' }))
        .filter((m) => /^https?:\/\//.test(m.url)),
    };
  });
}

export function fromJsonFeed(doc: Node, agency: string | undefined): Candidate[] {
  const feedAgency = agency ?? (typeof doc.title === 'string' && doc.title ? doc.title : 'Unknown agency');
  const language = typeof doc.language === 'string' ? doc.language : '';
  return asArray(doc.items as Node[]).map((item) => ({
    ...base(feedAgency, String(item.id ?? ''), isoOrNull(item.date_modified) ?? isoOrNull(item.date_published)),
    headline: typeof item.title === 'string' ? item.title : '',
    standfirst: typeof item.summary === 'string' ? item.summary : '',
    bodyHtml: typeof item.content_html === 'string' ? item.content_html : typeof item.content_text === 'string' ? escapeText(item.content_text) : '',
    byline: asArray(item.authors as Node[]).map((a) => (typeof a.name === 'string' ? a.name : '')).filter(Boolean).join(', '),
    language: typeof item.language === 'string' ? item.language : language,
    subjects: asArray(item.tags as unknown[]).filter((t): t is string => typeof t === 'string'),
    images: typeof item.image === 'string' && /^https?:\/\//.test(item.image) ? [{ url: item.image, caption: '', credit: '', usageTerms: '' }] : [],
  }));
}

const escapeText = (t: string) =>
  t
    .split(/\n{2,}/)
    .map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>`)
    .join('');
