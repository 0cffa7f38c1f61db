import type { DB } from '../db/connect.js';
import { contentStems, words } from './text.js';

/**
 * Near-duplicate detection: the same event from another agency, or a re-send under a new id.
 *
 * Each item's headline and lead become a set of shingles (stemmed content words and figures).
 * MinHash with LSH finds candidates cheaply: 64 hashes in 32 bands of 2, so two items whose
 * shingle sets have Jaccard similarity 0.25 share a band with probability 0.87, and 0.4 with
 * 0.996; the specific figures of the copy are index keys too, because loose rewrites by two
 * agencies share their figures more than their wording. The keys live in the database
 * (wire_item_bands), so every process and every restart sees the same index. A candidate is
 * then scored: lead similarity plus the figures and names both reports give, within a time
 * window, and never across different main countries.
 */

export const HASHES = 64;
const ROWS_PER_BAND = 2;
const BANDS = HASHES / ROWS_PER_BAND;

export interface Fingerprint {
  /** Shingles of headline and lead: stemmed content words and figures. */
  shingles: string[];
  /** Specific figures anywhere in the copy ("840000", "3.5"; not years, not round hundreds). */
  numbers: string[];
  /** Capitalised words that do not start a sentence, anywhere in the copy: people, places, bodies. */
  names: string[];
  /** The countries tagging found, main first. */
  countries: string[];
}

/** Thresholds, chosen on one half of the labelled set and checked on the other (README, "Wire desk figures"). */
export interface DedupeRules {
  /** Score (lead similarity plus shared figures and names) at or above which two items are one event. */
  threshold: number;
  /** Hours either side of an item's time within which duplicates are looked for. */
  windowHours: number;
}

export const defaultDedupeRules: DedupeRules = { threshold: 0.4, windowHours: 48 };

/** What one shared figure and one shared name add to the similarity of the leads. */
const FIGURE_WEIGHT = 0.08;
const NAME_WEIGHT = 0.03;
const MAX_FIGURES = 30;
const MAX_NAMES = 40;
const MAX_FIGURE_KEYS = 12;
/** Candidates verified per item: the ones sharing most index keys. */
const MAX_CANDIDATES = 30;

export function fingerprintOf(headline: string, lead: string, fullText: string, countries: string[]): Fingerprint {
  const shingles = [...new Set(contentStems(`${headline}\n${lead}`))];
  const numbers = [...new Set(words(fullText).filter(isSpecificFigure))].slice(0, MAX_FIGURES);
  const names = [...new Set([...namesIn(headline), ...namesIn(fullText)])].slice(0, MAX_NAMES);
  return { shingles, numbers, names, countries: countries.slice(0, 3) };
}

/** A figure that tells events apart: "2310" or "1.1", not "2026", "100" or "12". */
const isSpecificFigure = (w: string) => /^\d/.test(w) && (w.includes('.') || w.length >= 3) && !/^(19|20)\d\d$/.test(w) && !/^[1-9]0+$/.test(w);

/** Capitalised words that are not there only because they start a sentence, nor days, months or titles. */
const notNames = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april', 'may', 'june', 'july',
  'august', 'september', 'october', 'november', 'december', 'the', 'a', 'an', 'in', 'on', 'it', 'he', 'she', 'they', 'we', 'its', 'this', 'that',
  'his', 'her', 'their', 'health', 'ministry', 'minister', 'government', 'president', 'national', 'state', 'university', 'but', 'and', 'of', 'for',
  'at', 'by', 'with', 'from', 'to', 'as', 'un', 'dr', 'mr', 'ms', 'mrs', 'according', 'officials', 'some', 'most', 'many', 'under', 'after',
  'before', 'while', 'when', 'if', 'since', 'during', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);

function namesIn(text: string): string[] {
  const names: string[] = [];
  for (const sentence of text.split(/(?<=[.!?])\s+/)) {
    const tokens = sentence.match(/[\p{L}][\p{L}'’-]*/gu) ?? [];
    tokens.forEach((token, i) => {
      if (i === 0 || !/^\p{Lu}\p{Ll}/u.test(token)) return;
      const name = token.toLowerCase().replace(/['’]s$/u, '');
      if (!notNames.has(name)) names.push(name);
    });
  }
  return names;
}

/** 32-bit FNV-1a of a string. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Murmur3's finaliser: turns a 32-bit value and a seed into a well-mixed 32-bit hash. */
function mix(value: number, seed: number): number {
  let h = (value ^ seed) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const SEEDS = Array.from({ length: HASHES }, (_, i) => mix(i + 1, 0x9e3779b9));

export function minhash(shingles: readonly string[]): Uint32Array {
  const signature = new Uint32Array(HASHES).fill(0xffffffff);
  for (const shingle of shingles) {
    const base = fnv1a(shingle);
    for (let i = 0; i < HASHES; i++) {
      const h = mix(base, SEEDS[i]!);
      if (h < signature[i]!) signature[i] = h;
    }
  }
  return signature;
}

/**
 * The item's index keys: one per MinHash band of its shingles, plus one per specific figure, so a
 * loose rewrite that shares the event's figures is still found. Each is below 2^53, so both
 * databases store it exactly as a bigint.
 */
export function bandKeys(signature: Uint32Array, numbers: readonly string[] = []): number[] {
  const keys: number[] = [];
  const key = (h: number) => h * 0x200000 + (mix(h, 0x165667b1) & 0x1fffff);
  for (let band = 0; band < BANDS; band++) {
    let h = mix(band, 0x27d4eb2d);
    for (let r = 0; r < ROWS_PER_BAND; r++) h = mix(signature[band * ROWS_PER_BAND + r]!, h);
    keys.push(key(h));
  }
  for (const figure of numbers.slice(0, MAX_FIGURE_KEYS)) keys.push(key(mix(fnv1a(`#${figure}`), 0x7f4a7c15)));
  return keys;
}

export function jaccard(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 && b.length === 0) return 0;
  const setB = new Set(b);
  let shared = 0;
  for (const x of a) if (setB.has(x)) shared++;
  return shared / (a.length + b.length - shared);
}

const sharedCount = (a: readonly string[], b: readonly string[]) => {
  const set = new Set(b);
  return a.filter((x) => set.has(x)).length;
};

/** One report's main country is among the other's countries (tagging may rank two close ones either way). */
const sameCountry = (a: readonly string[], b: readonly string[]) => a.length === 0 || b.length === 0 || b.includes(a[0]!) || a.includes(b[0]!);

/**
 * Whether two fingerprints are the same event: the similarity of the leads, plus a little for
 * every figure and name both reports give; never when neither's main country is among the other's.
 */
export function sameEvent(a: Fingerprint, b: Fingerprint, rules: DedupeRules = defaultDedupeRules): { duplicate: boolean; similarity: number; reason: string } {
  const lead = jaccard(a.shingles, b.shingles);
  const figures = sharedCount(a.numbers, b.numbers);
  const names = sharedCount(a.names, b.names);
  const similarity = lead + FIGURE_WEIGHT * Math.min(figures, 4) + NAME_WEIGHT * Math.min(names, 6);
  if (!sameCountry(a.countries, b.countries)) return { duplicate: false, similarity, reason: 'different countries' };
  const detail = `lead similarity ${lead.toFixed(2)}, ${figures} shared figures, ${names} shared names`;
  return similarity >= rules.threshold ? { duplicate: true, similarity, reason: detail } : { duplicate: false, similarity, reason: detail };
}

export interface DuplicateMatch {
  wireItemId: number;
  articleId: number | null;
  discarded: boolean;
  similarity: number;
}

/**
 * The best earlier item (another agency's, or a re-send) this one duplicates, within the time
 * window; null when there is none. Reads the band index in the caller's transaction.
 */
export async function findDuplicate(
  trx: DB,
  item: { agency: string; itemId: string; versionTime: string },
  fingerprint: Fingerprint,
  keys: readonly number[],
  rules: DedupeRules = defaultDedupeRules,
): Promise<DuplicateMatch | null> {
  const t = Date.parse(item.versionTime);
  const windowMs = rules.windowHours * 3600_000;
  // The items sharing most keys first: the more bands two items share, the more alike they are.
  const shared = await trx
    .selectFrom('wire_item_bands')
    .select(['wire_item_id', (eb) => eb.fn.countAll<number>().as('keys')])
    .where('band_key', 'in', keys)
    .where('version_time', '>=', new Date(t - windowMs).toISOString())
    .where('version_time', '<=', new Date(t + windowMs).toISOString())
    .groupBy('wire_item_id')
    .orderBy('keys', 'desc')
    .orderBy('wire_item_id', 'desc')
    .limit(MAX_CANDIDATES)
    .execute();
  if (shared.length === 0) return null;
  const candidates = await trx
    .selectFrom('wire_items')
    .select(['id', 'agency', 'item_id', 'article_id', 'discarded', 'fingerprint'])
    .where('id', 'in', shared.map((c) => c.wire_item_id))
    .execute();
  let best: DuplicateMatch | null = null;
  for (const c of candidates) {
    if ((c.agency === item.agency && c.item_id === item.itemId) || !c.fingerprint) continue;
    const verdict = sameEvent(fingerprint, JSON.parse(c.fingerprint) as Fingerprint, rules);
    if (verdict.duplicate && (!best || verdict.similarity > best.similarity)) {
      best = { wireItemId: c.id, articleId: c.article_id, discarded: c.discarded === 1, similarity: verdict.similarity };
    }
  }
  return best;
}

/** Records an item's bands so later items can find it. */
export async function indexBands(trx: DB, wireItemId: number, versionTime: string, keys: readonly number[]): Promise<void> {
  await trx
    .insertInto('wire_item_bands')
    .values(keys.map((band_key) => ({ band_key, wire_item_id: wireItemId, version_time: versionTime })))
    .execute();
}
