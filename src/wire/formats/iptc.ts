import { asArray, contentAsHtml, isoOrNull, plainTextToHtml, text, type WireCandidate, type WireItem } from '../item.js';

/**
 * IPTC's own formats: ninjs (JSON, 1.x and 2.x field names) and NewsML-G2 newsItem (XML). The
 * agency credited is the one the item names (ninjs provider or copyrightholder; NewsML-G2
 * creditline or provider), else the configured source's.
 */

type Candidate = WireCandidate;
type Node = Record<string, unknown>;

const status = (value: string): WireItem['status'] => {
  const s = value.toLowerCase().replace(/^stat:/, '');
  return s === 'withheld' ? 'withheld' : s === 'canceled' || s === 'cancelled' ? 'canceled' : 'usable';
};
const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const countryCode = (v: string) => (/^[A-Za-z]{2}$/.test(v) ? v.toUpperCase() : null);
/** The objects of a list from untrusted JSON: null, numbers and strings among them are skipped. */
const objectsOf = (v: unknown): Node[] => asArray(v).filter((x): x is Node => Boolean(x) && typeof x === 'object');
const nameOf = (v: unknown): string => (typeof v === 'string' ? v.trim() : v && typeof v === 'object' ? str((v as Node).name).trim() : '');

/** ninjs 2 bodies and descriptions are lists of {contenttype, value}: HTML first, else plain text made HTML. */
function ninjsBody(doc: Node): string {
  if (str(doc.body_html)) return str(doc.body_html);
  const bodies = asArray(doc.bodies as Node[]).filter((b) => b && typeof b === 'object' && str(b.value));
  const html = bodies.find((b) => /html/i.test(str(b.contenttype)) || !str(b.contenttype));
  if (html) return str(html.value);
  const plain = bodies[0] ? str(bodies[0].value) : str(doc.body_text);
  return plain ? plainTextToHtml(plain) : '';
}

export function fromNinjs(doc: Node, agency: string | undefined): Candidate {
  // ninjs 2 lists headlines, descriptions and bodies; ninjs 1 has single fields.
  const first = (list: unknown, field = 'value') => str((asArray(list as Node[])[0] ?? {})[field]);
  const place = (asArray((doc.located ?? doc.places) as Node[] | Node)[0] ?? {}) as Node;
  const renditionUrl = (assoc: Node) => {
    const renditions = (assoc.renditions ?? {}) as Node | Node[];
    const list = Array.isArray(renditions) ? renditions : Object.values(renditions);
    return str((objectsOf(list).find((r) => str(r.href)) ?? {}).href) || str(assoc.uri);
  };
  const images = Object.values((doc.associations ?? {}) as Node | Node[])
    .filter((a): a is Node => Boolean(a) && typeof a === 'object' && str((a as Node).type) === 'picture')
    .map((a) => ({
      url: renditionUrl(a),
      caption: str(a.description_text) || first(a.descriptions),
      credit: str(a.copyrightholder) || str(a.byline) || str((a.by as Node | undefined)?.name),
      usageTerms: str(a.usageterms) || str(a.usage_terms),
    }))
    .filter((i) => /^https?:\/\//.test(i.url));
  const urgency = Number(doc.urgency);
  return {
    agency: nameOf(doc.provider) || nameOf(doc.copyrightholder) || nameOf(asArray(doc.infosources as Node[])[0]) || agency || 'Unknown agency',
    itemId: str(doc.guid) || str(doc.uri) || str(doc.id),
    version: Math.max(1, Number.parseInt(str(doc.version) || '1', 10) || 1),
    versionTime: isoOrNull(doc.versioncreated) ?? isoOrNull(doc.firstcreated) ?? new Date().toISOString(),
    headline: str(doc.headline) || first(doc.headlines),
    standfirst: str(doc.description_text) || first(doc.descriptions),
    bodyHtml: ninjsBody(doc),
    byline:
      str(doc.byline) ||
      objectsOf(doc.by)
        .map((b) => str(b.name))
        .filter(Boolean)
        .join(', '),
    datelineCity: str(place.name),
    datelineCountry: countryCode(str(place.countrycode) || str((place.country as Node | undefined)?.code)),
    language: str(doc.language),
    subjects: asArray(doc.subject ?? (doc.subjects as unknown))
      .map((s) => (typeof s === 'string' ? s : s && typeof s === 'object' ? str((s as Node).name) || str((s as Node).code) : ''))
      .filter(Boolean),
    images,
    urgency: Number.isInteger(urgency) && urgency >= 1 && urgency <= 9 ? urgency : null,
    embargo: isoOrNull(doc.embargoed),
    status: status(str(doc.pubstatus) || 'usable'),
    ednote: str(doc.ednote),
  };
}

export function fromNewsMlG2(doc: Node, agency: string | undefined): Candidate[] {
  const items = doc.newsItem
    ? asArray(doc.newsItem as Node | Node[])
    : asArray(((doc.newsMessage as Node | undefined)?.itemSet as Node | undefined)?.newsItem as Node | Node[]);
  return items.map((item) => {
    const meta = (item.itemMeta ?? {}) as Node;
    const content = (item.contentMeta ?? {}) as Node;
    const set = (item.contentSet ?? {}) as Node;
    const xml = asArray(set.inlineXML as Node | Node[])[0];
    const data = asArray(set.inlineData as Node | Node[])[0];
    const rawOf = (node: unknown) => (typeof node === 'object' && node ? String((node as Node)['#text'] ?? '') : typeof node === 'string' ? node : '');
    const typeOf = (node: unknown) => (typeof node === 'object' && node ? String((node as Node)['@contenttype'] ?? '') : '');
    // inlineXML: NITF's body.content (looked for first: NITF's <body> also holds body.head, the
    // headline, byline and dateline), or an XHTML body's content. inlineData: escaped or CDATA
    // HTML, or plain text, as its content type says.
    const raw = rawOf(xml);
    const body =
      xml !== undefined
        ? (/<body\.content[^>]*>([\s\S]*?)<\/body\.content>/i.exec(raw)?.[1] ?? /<body(?:\s[^>]*)?>([\s\S]*?)<\/body>/i.exec(raw)?.[1] ?? raw)
        : contentAsHtml(rawOf(data), /html/i.test(typeOf(data)) ? 'html' : typeOf(data) ? 'text' : '');
    const located = (asArray(content.located as Node | Node[])[0] ?? {}) as Node;
    const urgency = Number(text(content.urgency));
    const provider = (meta.provider ?? item.provider) as Node | undefined;
    const holder = (asArray((item.rightsInfo as Node | undefined)?.copyrightHolder as Node | Node[])[0] ?? {}) as Node;
    const credit = [
      text(content.creditline),
      text(provider?.name),
      String(provider?.['@literal'] ?? ''),
      text(holder.name),
      String(holder['@literal'] ?? ''),
      String(provider?.['@qcode'] ?? '').replace(/^[a-z]+:/i, ''),
    ]
      .map((c) => c.trim())
      .find(Boolean);
    return {
      agency: credit || agency || 'Unknown agency',
      itemId: String(item['@guid'] ?? ''),
      version: Math.max(1, Number.parseInt(String(item['@version'] ?? '1'), 10) || 1),
      versionTime: isoOrNull(text(meta.versionCreated)) ?? isoOrNull(text(meta.firstCreated)) ?? new Date().toISOString(),
      headline: text(content.headline),
      standfirst:
        asArray(content.description as unknown)
          .map(text)
          .find(Boolean) ?? '',
      bodyHtml: body,
      byline: text(content.by),
      datelineCity: text(located.name),
      datelineCountry: null,
      language: String((asArray(content.language as Node | Node[])[0] as Node | undefined)?.['@tag'] ?? item['@xml:lang'] ?? ''),
      subjects: asArray(content.subject as Node | Node[])
        .map((s) => text(s.name) || String(s['@qcode'] ?? ''))
        .filter(Boolean),
      images: [],
      urgency: Number.isInteger(urgency) && urgency >= 1 && urgency <= 9 ? urgency : null,
      embargo: isoOrNull(text(meta.embargoed)),
      status: status(String((meta.pubStatus as Node | undefined)?.['@qcode'] ?? 'stat:usable')),
      ednote: asArray(meta.edNote as unknown)
        .map(text)
        .filter(Boolean)
        .join(' '),
    };
  });
}
