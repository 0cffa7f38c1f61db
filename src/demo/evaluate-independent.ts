import fs from 'node:fs';
import path from 'node:path';
import type { DedupeRules } from '../wire/dedupe.js';
import { evaluateAnalysed, type AnalysedItem, type LabelledPair, type QualityReport } from './evaluate.js';
import { analyseItem } from '../wire/ingest.js';
import type { WireItem } from '../wire/item.js';
import { parseWire } from '../wire/parse.js';
import type { SectorModel } from '../wire/tagging.js';

/*
 * The second labelled set (test/fixtures/wire-independent): events written for this project by
 * writers who never saw the detector, the tagger or the first set, in the house styles of other
 * fictional agencies (other dateline styles, figures written differently, paraphrased reports of
 * one event up to 30 hours apart, deliberately confusable events). Part c is held out: nothing
 * is ever tuned on it. Each item is delivered in the format its writer gave it (RSS, Atom with an
 * escaped HTML body, JSON Feed, ninjs, NewsML-G2) and read back by the parsers, as ingest would.
 */

export interface IndependentItem {
  id: string;
  agency: string;
  sentAt: string;
  format: 'rss' | 'atom' | 'jsonfeed' | 'ninjs' | 'newsml';
  headline: string;
  paragraphs: string[];
  byline: string;
  datelineCity: string;
  datelineCountry: string | null;
}

export interface IndependentEvent {
  event: string;
  sector: string;
  countries: string[];
  confusableWith: string[];
  confusion: string;
  items: IndependentItem[];
}

export const INDEPENDENT_DIR = path.resolve(import.meta.dirname, '../../test/fixtures/wire-independent');
/** Never tuned on. */
export const HELD_OUT_PARTS = ['part-c.json'];

export function loadIndependent(files?: string[]): IndependentEvent[] {
  const names =
    files ??
    fs
      .readdirSync(INDEPENDENT_DIR)
      .filter((f) => f.endsWith('.json'))
      .sort();
  return names.flatMap((f) => (JSON.parse(fs.readFileSync(path.join(INDEPENDENT_DIR, f), 'utf8')) as { events: IndependentEvent[] }).events);
}

const xml = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const html = (item: IndependentItem) => item.paragraphs.map((p) => `<p>${xml(p)}</p>`).join('');

/** A one-item document in the item's format, as an agency would send it. */
export function renderIndependent(item: IndependentItem): string {
  const body = html(item);
  const located = item.datelineCity ? { name: item.datelineCity, ...(item.datelineCountry ? { countrycode: item.datelineCountry } : {}) } : null;
  switch (item.format) {
    case 'rss':
      return `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>${xml(item.agency)}</title><item><guid>${xml(item.id)}</guid><title>${xml(item.headline)}</title><pubDate>${new Date(item.sentAt).toUTCString()}</pubDate><content:encoded><![CDATA[${body}]]></content:encoded></item></channel></rss>`;
    case 'atom':
      // The body as escaped HTML: the form the outside check found arriving as literal tags.
      return `<feed xmlns="http://www.w3.org/2005/Atom"><title>${xml(item.agency)}</title><author><name>${xml(item.agency)}</name></author><entry><id>${xml(item.id)}</id><title>${xml(item.headline)}</title><updated>${item.sentAt}</updated><content type="html">${xml(body)}</content></entry></feed>`;
    case 'jsonfeed':
      return JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: item.agency,
        authors: [{ name: item.agency }],
        items: [{ id: item.id, title: item.headline, content_html: body, date_published: item.sentAt }],
      });
    case 'ninjs':
      return JSON.stringify({
        uri: item.id,
        version: '1',
        versioncreated: item.sentAt,
        copyrightholder: item.agency,
        headlines: [{ value: item.headline }],
        bodies: [{ contenttype: 'text/html', value: body }],
        ...(located ? { located: [located] } : {}),
      });
    case 'newsml':
      return `<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="${xml(item.id)}" version="1"><itemMeta><provider literal="${xml(item.agency)}"/><versionCreated>${item.sentAt}</versionCreated></itemMeta><contentMeta>${item.datelineCity ? `<located><name>${xml(item.datelineCity)}</name></located>` : ''}<headline>${xml(item.headline)}</headline></contentMeta><contentSet><inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><body>${body}</body></html></inlineXML></contentSet></newsItem>`;
  }
}

/** The item as the parsers hand it over from its document. */
export function parsedIndependent(item: IndependentItem): WireItem {
  const parsed = parseWire(renderIndependent(item)).items[0];
  if (!parsed) throw new Error(`${item.id}: the ${item.format} document was not read`);
  // RSS, Atom and JSON Feed carry no place: the agency's metadata dateline goes in as ingest would have it.
  return { ...parsed, datelineCity: parsed.datelineCity || item.datelineCity, datelineCountry: parsed.datelineCountry ?? item.datelineCountry };
}

/** Same-event pairs of different agencies, and every cross pair of two confusable events. */
export function independentPairs(events: IndependentEvent[]): LabelledPair[] {
  const pairs: LabelledPair[] = [];
  const byId = new Map(events.map((e) => [e.event, e]));
  for (const event of events) {
    event.items.forEach((a, i) =>
      event.items.slice(i + 1).forEach((b) => {
        if (a.agency !== b.agency) pairs.push({ a: a.id, b: b.id, duplicate: true, kind: 'same event' });
      }),
    );
    for (const otherId of event.confusableWith) {
      const other = byId.get(otherId);
      if (other) for (const a of event.items) for (const b of other.items) pairs.push({ a: a.id, b: b.id, duplicate: false, kind: 'confusable event' });
    }
  }
  return pairs;
}

/** The items as the desk analyses them, each read from its own format. */
export const independentEntries = (events: IndependentEvent[], sectorModel: SectorModel): AnalysedItem[] =>
  events.flatMap((event) =>
    event.items.map((item): AnalysedItem => ({
      id: item.id,
      agency: item.agency,
      sentAt: item.sentAt,
      country: event.countries[0]!,
      sector: event.sector,
      analysis: analyseItem(parsedIndependent(item), sectorModel),
    })),
  );

export function evaluateIndependent(
  events: IndependentEvent[],
  rules: DedupeRules,
  sectorModel: SectorModel,
): QualityReport & { byFormat: Record<string, { duplicates: number; found: number }> } {
  const entries = independentEntries(events, sectorModel);
  const pairs = independentPairs(events);
  const report = evaluateAnalysed(entries, pairs, rules, events.length);
  // Recall by the formats a pair involves: where the readers, not the detector, lose reports.
  const formatOf = new Map(events.flatMap((e) => e.items.map((i) => [i.id, i.format])));
  const missed = new Set(report.mistakes.filter((m) => m.expected).map((m) => `${m.a}|${m.b}`));
  const byFormat: Record<string, { duplicates: number; found: number }> = {};
  for (const p of pairs.filter((x) => x.duplicate)) {
    for (const f of new Set([formatOf.get(p.a)!, formatOf.get(p.b)!])) {
      byFormat[f] ??= { duplicates: 0, found: 0 };
      byFormat[f].duplicates += 1;
      if (!missed.has(`${p.a}|${p.b}`)) byFormat[f].found += 1;
    }
  }
  return { ...report, byFormat };
}
