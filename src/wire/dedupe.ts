import { sql } from 'kysely';
import { LRUCache } from 'lru-cache';
import type { DB } from '../db/connect.js';
import { DEDUPE_THRESHOLD, probabilityOf } from './dedupe-model.js';
import { pairFeatures, profileOf, type PairFeatures, type TermStats, type TextProfile } from './similarity.js';
import { contentStems, stem } from './text.js';

/**
 * Near-duplicate detection: the same event from another agency, or a re-send under a new id.
 *
 * Finding candidates: each item is indexed under keys kept in the database (wire_item_bands, so
 * every process and restart sees the same index): the MinHash bands of its headline and lead
 * (64 hashes in 32 bands of 2: Jaccard 0.25 shares a band with probability 0.87), its specific
 * figures once normalised (figures.ts: "$15 million" = "15 million dollars"), and its names
 * (places, bodies, people), because two agencies paraphrasing one event share those more than
 * their wording. The items sharing most keys within the time window are the candidates.
 *
 * Judging a candidate: a logistic model over what the two share (similarity.ts): TF-IDF cosine
 * of the whole text with document frequencies from the stored archive, the same for headline
 * and lead, rare names, figures, figures that disagree, the time between them, and whether main
 * country and sector agree. Never across different main countries.
 */

export const HASHES = 64;
const ROWS_PER_BAND = 2;
const BANDS = HASHES / ROWS_PER_BAND;

export interface Fingerprint {
  /** Shingles of headline and lead: stemmed content words and figures (the MinHash bands). */
  shingles: string[];
  /** The countries and sectors tagging found, main first. */
  countries: string[];
  sectors: string[];
  /** What the scorer compares (similarity.ts). */
  profile: TextProfile;
}

/** A fingerprint as stored; those stored before profiles existed are read into one. */
export function parseFingerprint(json: string): Fingerprint {
  const f = JSON.parse(json) as Partial<Fingerprint> & { numbers?: string[]; names?: string[] };
  if (f.profile) return { shingles: f.shingles ?? [], countries: f.countries ?? [], sectors: f.sectors ?? [], profile: f.profile };
  const shingles = f.shingles ?? [];
  const terms: Record<string, number> = {};
  for (const t of shingles) terms[t] = (terms[t] ?? 0) + 1;
  return { shingles, countries: f.countries ?? [], sectors: [], profile: { terms, head: shingles, figures: f.numbers ?? [], small: [], names: f.names ?? [] } };
}

/** The decision rule (the weights are DEDUPE_MODEL's). */
export interface DedupeRules {
  /** Probability at or above which two items are one event. */
  threshold: number;
  /** Hours either side of an item's time within which duplicates are looked for. */
  windowHours: number;
}

export const defaultDedupeRules: DedupeRules = { threshold: DEDUPE_THRESHOLD, windowHours: 48 };

const MAX_FIGURE_KEYS = 12;
const MAX_NAME_KEYS = 8;
/** A name in more than this share of stored items (a country's, a capital's) finds too much to be a key. */
const COMMON_NAME_SHARE = 0.03;
/** Candidates verified per item: the ones sharing most index keys (same-event pairs share 7 or more in 9 cases of 10). */
const MAX_CANDIDATES = 12;

export function fingerprintOf(headline: string, lead: string, fullText: string, countries: string[], sectors: string[] = []): Fingerprint {
  return {
    shingles: [...new Set(contentStems(`${headline}\n${lead}`))],
    countries: countries.slice(0, 3),
    sectors: sectors.slice(0, 3),
    profile: profileOf(headline, lead, fullText),
  };
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
 * The item's index keys: one per MinHash band of its shingles, one per specific figure and one
 * per name, so a paraphrase that shares the event's figures or places is still found. Each is
 * below 2^53, so both databases store it exactly as a bigint.
 */
export function bandKeys(signature: Uint32Array, figures: readonly string[] = [], names: readonly string[] = []): number[] {
  const keys: number[] = [];
  const key = (h: number) => h * 0x200000 + (mix(h, 0x165667b1) & 0x1fffff);
  for (let band = 0; band < BANDS; band++) {
    let h = mix(band, 0x27d4eb2d);
    for (let r = 0; r < ROWS_PER_BAND; r++) h = mix(signature[band * ROWS_PER_BAND + r]!, h);
    keys.push(key(h));
  }
  for (const figure of figures.slice(0, MAX_FIGURE_KEYS)) keys.push(key(mix(fnv1a(`#${figure}`), 0x7f4a7c15)));
  for (const name of names.slice(0, MAX_NAME_KEYS)) keys.push(key(mix(fnv1a(`@${name}`), 0x3c6ef372)));
  return [...new Set(keys)];
}

/** The index keys of a fingerprint: with document frequencies, its rarest names only. */
export function keysOf(f: Fingerprint, stats?: TermStats): number[] {
  let names = f.profile.names;
  if (stats && stats.documents >= 100) {
    const df = (n: string) => stats.frequency(stem(n));
    names = names.filter((n) => df(n) <= stats.documents * COMMON_NAME_SHARE).sort((a, b) => df(a) - df(b));
  }
  return bandKeys(minhash(f.shingles), f.profile.figures, names);
}

/** One report's main country is among the other's countries (tagging may rank two close ones either way). */
const sameCountry = (a: readonly string[], b: readonly string[]) => a.length === 0 || b.length === 0 || b.includes(a[0]!) || a.includes(b[0]!);

export interface Verdict {
  duplicate: boolean;
  /** The model's probability that the two are one event. */
  similarity: number;
  reason: string;
  features?: PairFeatures;
  sharedNames: string[];
  sharedFigures: string[];
}

/** Headline-and-lead similarity a second item from the same agency needs: one agency does not
 *  report one event twice under two ids unless it sends it again, which repeats its headline and
 *  lead; its other stories may share whole boilerplate paragraphs. */
const RESEND_HEAD = 0.8;

/** Whether two fingerprints, `hours` apart, are the same event; never across different main countries. */
export function sameEvent(
  a: Fingerprint,
  b: Fingerprint,
  stats: TermStats,
  hours: number,
  rules: DedupeRules = defaultDedupeRules,
  sameAgency = false,
): Verdict {
  const { features, sharedNames, sharedFigures } = pairFeatures(
    { ...a.profile, countries: a.countries, sectors: a.sectors },
    { ...b.profile, countries: b.countries, sectors: b.sectors },
    stats,
    hours,
  );
  const similarity = probabilityOf(features);
  const detail = `score ${similarity.toFixed(2)}: text ${features.text.toFixed(2)}, headline ${features.head.toFixed(2)}, ${sharedNames.length} shared names, ${sharedFigures.length} shared figures`;
  if (!sameCountry(a.countries, b.countries)) return { duplicate: false, similarity, reason: 'different countries', features, sharedNames, sharedFigures };
  if (sameAgency && features.head < RESEND_HEAD)
    return { duplicate: false, similarity, reason: `the same agency's other story (${detail})`, features, sharedNames, sharedFigures };
  return { duplicate: similarity >= rules.threshold, similarity, reason: detail, features, sharedNames, sharedFigures };
}

export interface DuplicateMatch {
  wireItemId: number;
  articleId: number | null;
  discarded: boolean;
  similarity: number;
  /** Why: the score and what the two share (shown in the inbox). */
  reason: string;
  sharedNames: string[];
  sharedFigures: string[];
}

/** An earlier item sharing index keys with the one being judged, and the scorer's verdict on the pair. */
export interface ScoredCandidate {
  wireItemId: number;
  articleId: number | null;
  discarded: boolean;
  agency: string;
  itemId: string;
  verdict: Verdict;
}

/**
 * The stored items, within the time window, that share most index keys with this one (at most
 * `limit`), each with the scorer's verdict; the item's own versions are left out. Reads the band
 * index in the caller's transaction; `stats` are the document frequencies of the item's terms
 * (the candidates' vector lengths are stored with them, so the terms the two share are all
 * that is needed).
 */
export async function scoredCandidates(
  trx: DB,
  item: { agency: string; itemId: string; versionTime: string },
  fingerprint: Fingerprint,
  keys: readonly number[],
  stats: TermStats,
  rules: DedupeRules = defaultDedupeRules,
  limit = MAX_CANDIDATES,
): Promise<ScoredCandidate[]> {
  if (keys.length === 0) return [];
  const t = Date.parse(item.versionTime);
  const windowMs = rules.windowHours * 3600_000;
  // The items sharing most keys first: the more bands two items share, the more alike they are.
  const from = t - windowMs;
  const to = t + windowMs;
  const shared = await trx
    .selectFrom('wire_item_bands')
    .select(['wire_item_id', (eb) => eb.fn.countAll<number>().as('keys')])
    .where('version_day', 'in', daysBetween(from, to))
    .where('band_key', 'in', keys)
    .where('version_time', '>=', new Date(from).toISOString())
    .where('version_time', '<=', new Date(to).toISOString())
    .groupBy('wire_item_id')
    .orderBy('keys', 'desc')
    .orderBy('wire_item_id', 'desc')
    .limit(limit)
    .execute();
  if (shared.length === 0) return [];
  const candidates = await trx
    .selectFrom('wire_items')
    .select(['id', 'agency', 'item_id', 'version', 'article_id', 'discarded', 'version_time'])
    .where(
      'id',
      'in',
      shared.map((c) => c.wire_item_id),
    )
    .execute();
  const fingerprints = await storedFingerprints(trx, candidates);
  return candidates.flatMap((c): ScoredCandidate[] => {
    const parsed = fingerprints.get(c.id);
    if ((c.agency === item.agency && c.item_id === item.itemId) || !parsed) return [];
    const verdict = sameEvent(fingerprint, parsed, stats, (t - Date.parse(c.version_time)) / 3600_000, rules, c.agency === item.agency);
    return [{ wireItemId: c.id, articleId: c.article_id, discarded: c.discarded === 1, agency: c.agency, itemId: c.item_id, verdict }];
  });
}

/** The best earlier item (another agency's, or a re-send) this one duplicates, within the time window; null when there is none. */
export async function findDuplicate(
  trx: DB,
  item: { agency: string; itemId: string; versionTime: string },
  fingerprint: Fingerprint,
  keys: readonly number[],
  stats: TermStats,
  rules: DedupeRules = defaultDedupeRules,
): Promise<DuplicateMatch | null> {
  let best: DuplicateMatch | null = null;
  for (const { verdict, ...c } of await scoredCandidates(trx, item, fingerprint, keys, stats, rules)) {
    if (verdict.duplicate && (!best || verdict.similarity > best.similarity)) {
      best = {
        wireItemId: c.wireItemId,
        articleId: c.articleId,
        discarded: c.discarded,
        similarity: verdict.similarity,
        reason: verdict.reason,
        sharedNames: verdict.sharedNames,
        sharedFigures: verdict.sharedFigures,
      };
    }
  }
  return best;
}

/**
 * Recent items are everyone's candidates: their fingerprints are kept parsed, by the row's
 * identity (id, agency, item and version: another database in the same process may give the
 * same id to another item), so a hit reads no JSON from the database.
 */
const parsedFingerprints = new LRUCache<string, Fingerprint>({ max: 1_000 });

type StoredRow = { id: number; agency: string; item_id: string; version: number };

async function storedFingerprints(trx: DB, rows: readonly StoredRow[]): Promise<Map<number, Fingerprint>> {
  const out = new Map<number, Fingerprint>();
  const keyOf = (r: StoredRow) => `${r.id}\u0000${r.agency}\u0000${r.item_id}\u0000${r.version}`;
  const missing: StoredRow[] = [];
  for (const r of rows) {
    const hit = parsedFingerprints.get(keyOf(r));
    if (hit) out.set(r.id, hit);
    else missing.push(r);
  }
  if (missing.length === 0) return out;
  const byId = new Map(missing.map((r) => [r.id, r]));
  for (const r of await trx
    .selectFrom('wire_items')
    .select(['id', 'fingerprint'])
    .where('id', 'in', [...byId.keys()])
    .execute()) {
    if (!r.fingerprint) continue;
    const parsed = parseFingerprint(r.fingerprint);
    parsedFingerprints.set(keyOf(byId.get(r.id)!), parsed);
    out.set(r.id, parsed);
  }
  return out;
}

const DAY_MS = 86_400_000;

/** The day numbers (whole days since 1970, UTC) the index is led by. */
export const dayOf = (ms: number) => Math.floor(ms / DAY_MS);
const daysBetween = (from: number, to: number) => Array.from({ length: dayOf(to) - dayOf(from) + 1 }, (_, i) => dayOf(from) + i);

/** Records an item's bands so later items can find it. */
export async function indexBands(trx: DB, wireItemId: number, versionTime: string, keys: readonly number[]): Promise<void> {
  if (keys.length === 0) return;
  const day = dayOf(Date.parse(versionTime));
  // Written as one plain statement: ~50 rows through the query builder cost more than the insert.
  await sql`insert into wire_item_bands (version_day, band_key, wire_item_id, version_time) values ${sql.join(keys.map((k) => sql`(${day}, ${k}, ${wireItemId}, ${versionTime})`))}`.execute(
    trx,
  );
}
