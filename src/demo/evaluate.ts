import fs from 'node:fs';
import path from 'node:path';
import { storyTemplates } from './stories.js';
import { analyseItem, type ItemAnalysis } from '../wire/ingest.js';
import { keysOf, sameEvent, type DedupeRules } from '../wire/dedupe.js';
import { statsOf, type TermStats } from '../wire/similarity.js';
import type { WireItem } from '../wire/item.js';
import { defaultSectorKeywords } from '../wire/sector-keywords.js';
import { fittedSectors, keywordPhrases, trainSectorModel, type SectorModel } from '../wire/tagging.js';

/**
 * Measures the wire desk's judgement against the labelled set in test/fixtures/wire-labelled:
 * fictional events, each reported by two or three agencies, some deliberately similar to an
 * earlier event (same kind of news elsewhere, same place another story, a follow-up days later).
 */

export interface LabelledItem {
  id: string;
  agency: string;
  sentAt: string;
  headline: string;
  lead: string;
  body: string[];
  datelineCity: string;
  datelineCountry: string | null;
}

export interface LabelledEvent {
  event: string;
  sector: string;
  countries: string[];
  related: string | null;
  items: LabelledItem[];
}

export const LABELLED_DIR = path.resolve(import.meta.dirname, '../../test/fixtures/wire-labelled');

export function loadLabelled(files?: string[]): LabelledEvent[] {
  const names =
    files ??
    fs
      .readdirSync(LABELLED_DIR)
      .filter((f) => f.endsWith('.json'))
      .sort();
  return names.flatMap((f) => (JSON.parse(fs.readFileSync(path.join(LABELLED_DIR, f), 'utf8')) as { events: LabelledEvent[] }).events);
}

const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A labelled item as the parsers would hand it over. */
export function asWireItem(item: LabelledItem): WireItem {
  return {
    agency: item.agency,
    itemId: item.id,
    version: 1,
    versionTime: item.sentAt,
    headline: item.headline,
    standfirst: '',
    bodyHtml: [item.lead, ...item.body].map((p) => `<p>${escape(p)}</p>`).join(''),
    byline: '',
    datelineCity: item.datelineCity,
    datelineCountry: item.datelineCountry,
    language: 'en',
    subjects: [],
    images: [],
    urgency: null,
    embargo: null,
    status: 'usable',
    ednote: '',
  };
}

/**
 * The sector model a demo newsroom starts with: the default keyword lists, and what its
 * editors' filing of the demo stories teaches (the 117 story templates, each filed under its
 * sector), and the committed fitted classifier (sector-weights.ts), fitted on the training
 * parts only.
 */
export function demoSectorModel(options: { learned?: boolean; fitted?: SectorModel['fitted'] } = {}): SectorModel {
  const examples = storyTemplates
    .filter((t) => t.kind === 'news' || t.kind === 'shot')
    .map((t) => ({ sector: t.sector, text: [t.headline, t.standfirst, ...t.paragraphs].join(' ').replace(/\{(country|capital|demonym)\}/g, '') }));
  return {
    sectors: Object.entries(defaultSectorKeywords).map(([slug, keywords]) => ({ slug, keywords: keywordPhrases(keywords) })),
    learned: options.learned === false ? null : trainSectorModel(examples),
    fitted: options.fitted === undefined ? fittedSectors() : options.fitted,
  };
}

export interface LabelledPair {
  a: string;
  b: string;
  duplicate: boolean;
  kind: 'same event' | 'related event' | 'same sector' | 'same country' | 'confusable event';
}

/**
 * The labelled pairs: every two reports of one event (duplicates); every report of a related
 * event against every report of the event it resembles; and, per event, its first report against
 * the next events of the same sector and of the same main country (not duplicates).
 */
export function labelledPairs(events: LabelledEvent[]): LabelledPair[] {
  const pairs: LabelledPair[] = [];
  const byId = new Map(events.map((e) => [e.event, e]));
  events.forEach((event, index) => {
    event.items.forEach((a, i) => event.items.slice(i + 1).forEach((b) => pairs.push({ a: a.id, b: b.id, duplicate: true, kind: 'same event' })));
    const related = event.related ? byId.get(event.related) : undefined;
    if (related) for (const a of event.items) for (const b of related.items) pairs.push({ a: a.id, b: b.id, duplicate: false, kind: 'related event' });
    const later = events.slice(index + 1).filter((e) => e.event !== event.related && e.related !== event.event);
    const sameSector = later.filter((e) => e.sector === event.sector).slice(0, 1);
    const sameCountry = later.filter((e) => e.countries[0] === event.countries[0]).slice(0, 1);
    for (const other of sameSector) pairs.push({ a: event.items[0]!.id, b: other.items[0]!.id, duplicate: false, kind: 'same sector' });
    for (const other of sameCountry)
      if (!sameSector.includes(other)) pairs.push({ a: event.items[0]!.id, b: other.items[0]!.id, duplicate: false, kind: 'same country' });
  });
  return pairs;
}

export interface QualityReport {
  items: number;
  events: number;
  pairs: { total: number; duplicates: number; truePositives: number; falsePositives: number; falseNegatives: number; precision: number; recall: number };
  mistakes: { a: string; b: string; expected: boolean; similarity: number; reason: string; kind: string }[];
  mainCountry: { right: number; total: number; accuracy: number; wrong: { id: string; expected: string; got: string | null }[] };
  mainSector: { right: number; total: number; accuracy: number; wrong: { id: string; expected: string; got: string | null }[] };
}

/** The labelled items as the desk analyses them. */
export const labelledEntries = (events: LabelledEvent[], sectorModel: SectorModel): AnalysedItem[] =>
  events.flatMap((event) =>
    event.items.map((item): AnalysedItem => ({
      id: item.id,
      agency: item.agency,
      sentAt: item.sentAt,
      country: event.countries[0]!,
      sector: event.sector,
      analysis: analyseItem(asWireItem(item), sectorModel),
    })),
  );

export function evaluate(events: LabelledEvent[], rules: DedupeRules, sectorModel: SectorModel): QualityReport {
  return evaluateAnalysed(labelledEntries(events, sectorModel), labelledPairs(events), rules, events.length);
}

/** One labelled item as the desk analysed it, with its labels. */
export interface AnalysedItem {
  id: string;
  agency?: string;
  sentAt: string;
  /** The labelled main country and main sector. */
  country: string;
  sector: string;
  analysis: ItemAnalysis;
}

/** Precision and recall over labelled pairs, and main country and sector accuracy, as ingest judges. */
export function evaluateAnalysed(
  entries: AnalysedItem[],
  pairs: Pick<LabelledPair, 'a' | 'b' | 'duplicate' | 'kind'>[],
  rules: DedupeRules,
  events: number,
  // Document frequencies as the archive would have them: here, over the items evaluated.
  stats: TermStats = statsOf(entries.map((e) => e.analysis.fingerprint.profile)),
): QualityReport {
  const analyses = new Map(entries.map((e) => [e.id, e]));
  const keys = new Map<string, number[]>();
  const keysFor = (e: AnalysedItem) => keys.get(e.id) ?? keys.set(e.id, keysOf(e.analysis.fingerprint, stats)).get(e.id)!;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const mistakes: QualityReport['mistakes'] = [];
  for (const pair of pairs) {
    const a = analyses.get(pair.a)!;
    const b = analyses.get(pair.b)!;
    const hours = Math.abs(Date.parse(a.sentAt) - Date.parse(b.sentAt)) / 3600_000;
    // As at ingest: only items that share an index key are compared at all.
    const keysB = new Set(keysFor(b));
    const candidates = keysFor(a).some((k) => keysB.has(k));
    const verdict =
      hours > rules.windowHours
        ? { duplicate: false, similarity: 0, reason: 'outside the time window' }
        : !candidates
          ? { duplicate: false, similarity: 0, reason: 'no shared index key' }
          : sameEvent(a.analysis.fingerprint, b.analysis.fingerprint, stats, hours, rules, a.agency !== undefined && a.agency === b.agency);
    if (verdict.duplicate && pair.duplicate) tp++;
    else if (verdict.duplicate) fp++;
    else if (pair.duplicate) fn++;
    if (verdict.duplicate !== pair.duplicate)
      mistakes.push({
        a: pair.a,
        b: pair.b,
        expected: pair.duplicate,
        similarity: Math.round(verdict.similarity * 100) / 100,
        reason: verdict.reason,
        kind: pair.kind,
      });
  }

  const countryWrong: QualityReport['mainCountry']['wrong'] = [];
  const sectorWrong: QualityReport['mainSector']['wrong'] = [];
  for (const { id, country, sector, analysis } of analyses.values()) {
    if (analysis.countries[0] !== country) countryWrong.push({ id, expected: country, got: analysis.countries[0] ?? null });
    if (analysis.sectors[0] !== sector) sectorWrong.push({ id, expected: sector, got: analysis.sectors[0] ?? null });
  }
  const total = analyses.size;
  const ratio = (n: number, d: number) => (d === 0 ? 0 : Math.round((n / d) * 1000) / 1000);
  return {
    items: total,
    events,
    pairs: {
      total: pairs.length,
      duplicates: pairs.filter((p) => p.duplicate).length,
      truePositives: tp,
      falsePositives: fp,
      falseNegatives: fn,
      precision: ratio(tp, tp + fp),
      recall: ratio(tp, tp + fn),
    },
    mistakes,
    mainCountry: { right: total - countryWrong.length, total, accuracy: ratio(total - countryWrong.length, total), wrong: countryWrong },
    mainSector: { right: total - sectorWrong.length, total, accuracy: ratio(total - sectorWrong.length, total), wrong: sectorWrong },
  };
}
