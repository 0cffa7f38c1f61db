import { textOf } from '../content/html.js';
import type { DB } from '../db/connect.js';
import { countryOfCity, findPlaces, gazetteer, phraseKey, type PlaceKind } from './places.js';
import { defaultSectorKeywords, FRAMING_SECTORS } from './sector-keywords.js';
import { fittedPosterior, type FittedSectorModel, type StemmedPart } from './sector-model.js';
import { FITTED_SECTOR_MODEL } from './sector-weights.js';
import { contentStems } from './text.js';

/** The parts of a story the taggers read; where a word appears says how much it counts. */
export interface TaggableText {
  headline: string;
  lead: string;
  body: string;
  datelineCity: string;
  datelineCountry: string | null;
}

export interface Tag<K extends string = string> {
  key: K;
  score: number;
}

/** Headline and lead say what a story is about; the body mentions neighbours and donors. */
const PART_WEIGHT = { headline: 3, lead: 2, body: 1 } as const;
const KIND_WEIGHT: Record<PlaceKind, number> = { name: 1, demonym: 0.9, city: 1, hub: 0.3, none: 0 };
const DATELINE_WEIGHT = 2;
const LOCATIVE = new Set(['in', 'across', 'inside', 'throughout']);
const LOCATIVE_BONUS = 1.5;
const HUB_DATELINE_WEIGHT = 0.5;

/**
 * Countries in order of salience: every mention of a name, demonym, capital or city, weighted
 * by where it appears, plus the dateline (less when it is an international hub such as Geneva).
 * Countries scoring under a sixth of the leader are passing mentions and are left out (on the
 * labelled set this finds every labelled country for 89% of items, and adds none for 93%).
 */
export function tagCountries(text: TaggableText, max = 5): Tag[] {
  const scores = new Map<string, number>();
  const firstSeen = new Map<string, number>();
  let order = 0;
  const add = (code: string, weight: number) => {
    scores.set(code, (scores.get(code) ?? 0) + weight);
    if (!firstSeen.has(code)) firstSeen.set(code, order++);
  };
  const datelineCode = text.datelineCountry ?? (text.datelineCity ? countryOfCity(text.datelineCity) : null);
  if (datelineCode) {
    const hub = gazetteer().phrases.get(phraseKey(text.datelineCity))?.kind === 'hub';
    add(datelineCode, hub ? HUB_DATELINE_WEIGHT : DATELINE_WEIGHT);
  }
  for (const part of ['headline', 'lead', 'body'] as const) {
    for (const mention of findPlaces(text[part])) {
      // Early in the body is closer to the lead than the tenth paragraph is.
      const decay = part === 'body' ? 1 / (1 + mention.at / 150) : 1;
      // "in Uzbekistan" places the event; "from Spain" or "with Tajikistan" names a partner.
      const placing = LOCATIVE.has(mention.before) ? LOCATIVE_BONUS : 1;
      add(mention.code, PART_WEIGHT[part] * KIND_WEIGHT[mention.kind] * decay * placing);
    }
  }
  const ranked = [...scores].sort((a, b) => b[1] - a[1] || firstSeen.get(a[0])! - firstSeen.get(b[0])!);
  const top = ranked[0]?.[1] ?? 0;
  return ranked
    .filter(([, score]) => score >= top / 6)
    .slice(0, max)
    .map(([key, score]) => ({ key, score: round(score) }));
}

/** How a sector is recognised: its keywords (stemmed phrases), what the desk's choices taught,
 *  and the classifier fitted on the labelled sets (for the sectors it knows). */
export interface SectorModel {
  sectors: { slug: string; keywords: string[][] }[];
  learned: NaiveBayes | null;
  fitted?: { model: FittedSectorModel; weight: number } | null;
}

/** The committed fitted classifier with the weight its fit chose against the keyword scores;
 *  null when the fit found it adds nothing (see sector-weights.ts). */
export const fittedSectors = (): SectorModel['fitted'] => (FITTED_SECTOR_MODEL.weight > 0 ? FITTED_SECTOR_MODEL : null);

interface NaiveBayes {
  /** log P(sector) */
  prior: Map<string, number>;
  /** log P(stem | sector), and the value for a stem never seen with that sector. */
  likelihood: Map<string, Map<string, number>>;
  unseen: Map<string, number>;
  vocabulary: Set<string>;
}

/** The weight of the desk's past choices against the keyword lists, and how sharp their opinion is
 *  (chosen on the labelled set; see the README's wire desk figures). */
const LEARNED_WEIGHT = 0.3;
const LEARNED_SHARPNESS = 20;

/**
 * Sectors in order: keyword hits weighted by where they appear, normalised, plus the posterior
 * of a naive Bayes model trained on the sectors editors chose for earlier stories.
 */
/** Chosen on the training parts (independent a + b: 0.837 → 0.863; own part 1: 0.903 → 0.910), flat from 0.6 to 0.8. */
const FRAMING_YIELD = 0.7;

/** The stems of headline, lead and body, each with the weight a word there carries. */
export const stemmedParts = (text: Pick<TaggableText, 'headline' | 'lead' | 'body'>): StemmedPart[] =>
  (['headline', 'lead', 'body'] as const).map((part) => ({ weight: PART_WEIGHT[part], stems: contentStems(text[part]) }));

export function tagSectors(text: TaggableText, model: SectorModel, max = 3): Tag[] {
  const parts = stemmedParts(text);
  const index = keywordIndex(model);
  // Each keyword's hits, weighted by where they fall.
  const hits = new Map<KeywordEntry, number>();
  for (const { weight, stems } of parts) {
    stems.forEach((stem, i) => {
      for (const entry of index.get(stem) ?? []) {
        if (entry.phrase.every((x, j) => stems[i + j] === x)) hits.set(entry, (hits.get(entry) ?? 0) + weight);
      }
    });
  }
  // A sector's score grows with the number of its keywords a story uses, each counting less the
  // more it repeats: a "power" said ten times in the body of a story about a hospital's generator
  // does not outvote "hospital", "patients" and "doctors". A keyword two sectors share counts
  // only for a sector the story names by a keyword of its own.
  const confirmed = new Set([...hits.keys()].filter((e) => !e.shared).map((e) => e.slug));
  const keywordScores = new Map<string, number>();
  for (const [entry, h] of hits) {
    if (entry.shared && !confirmed.has(entry.slug)) continue;
    keywordScores.set(entry.slug, (keywordScores.get(entry.slug) ?? 0) + Math.log1p(h));
  }
  const keywordTotal = [...keywordScores.values()].reduce((a, b) => a + b, 0);
  const posterior = model.learned ? classify(model.learned, parts) : new Map<string, number>();
  const fitted = model.fitted ? fittedPosterior(model.fitted.model, parts) : new Map<string, number>();
  const fittedWeight = model.fitted?.weight ?? 0;
  const combined = model.sectors
    .map((s) => ({
      key: s.slug,
      score:
        (keywordTotal ? (keywordScores.get(s.slug) ?? 0) / keywordTotal : 0) +
        LEARNED_WEIGHT * (posterior.get(s.slug) ?? 0) +
        fittedWeight * (fitted.get(s.slug) ?? 0),
    }))
    .filter((t) => t.score > 0.05)
    .sort((a, b) => b.score - a.score);
  const top = combined[0]?.score ?? 0;
  // Money, institutions and law frame stories of every sector (a loan for a sewer network, a
  // contract for train coaches): a framing sector leads only when no subject sector comes close.
  const subject = FRAMING_SECTORS.has(combined[0]?.key ?? '') ? combined.find((t) => !FRAMING_SECTORS.has(t.key) && t.score >= FRAMING_YIELD * top) : undefined;
  const ranked = subject ? [subject, ...combined.filter((t) => t !== subject)] : combined;
  return ranked
    .filter((t) => t.score >= top / 3)
    .slice(0, max)
    .map((t) => ({ key: t.key, score: round(t.score) }));
}

interface KeywordEntry {
  slug: string;
  phrase: string[];
  /** The same stems are a keyword of another sector too ("training" and "train", "government" and "governance"). */
  shared: boolean;
}

const keywordIndexes = new WeakMap<SectorModel, Map<string, KeywordEntry[]>>();

/** Each keyword phrase under its first stem, so a story's words are read once, not once per keyword;
 *  a phrase a sector lists twice ("farm", "farming") is one keyword. */
function keywordIndex(model: SectorModel) {
  let index = keywordIndexes.get(model);
  if (!index) {
    index = new Map();
    const sectorsOf = new Map<string, Set<string>>();
    for (const sector of model.sectors) {
      for (const phrase of sector.keywords) {
        const key = phrase.join(' ');
        const sectors = sectorsOf.get(key) ?? sectorsOf.set(key, new Set()).get(key)!;
        if (sectors.has(sector.slug)) continue;
        sectors.add(sector.slug);
        const list = index.get(phrase[0]!) ?? [];
        list.push({ slug: sector.slug, phrase, shared: false });
        index.set(phrase[0]!, list);
      }
    }
    for (const list of index.values()) for (const entry of list) entry.shared = sectorsOf.get(entry.phrase.join(' '))!.size > 1;
    keywordIndexes.set(model, index);
  }
  return index;
}

/** The naive Bayes posterior; a word counts as often as its part's weight says. */
function classify(model: NaiveBayes, parts: readonly StemmedPart[]): Map<string, number> {
  // Each distinct known stem once, with its weighted count: the same sum as word by word.
  const counts = new Map<string, number>();
  let words = 0;
  for (const { weight, stems } of parts) {
    words += weight * stems.length;
    for (const stem of stems) if (model.vocabulary.has(stem)) counts.set(stem, (counts.get(stem) ?? 0) + weight);
  }
  const logs = new Map<string, number>();
  for (const [sector, prior] of model.prior) {
    const likelihood = model.likelihood.get(sector)!;
    const unseen = model.unseen.get(sector)!;
    let score = prior;
    for (const [stem, n] of counts) score += n * (likelihood.get(stem) ?? unseen);
    logs.set(sector, score);
  }
  // Naive Bayes is overconfident (its words are not independent): the log scores are averaged
  // per word and sharpened by a fixed temperature before the softmax, so the posterior is a
  // graded opinion the keyword score can outvote.
  const perWord = Math.max(words, 1) / LEARNED_SHARPNESS;
  for (const [k, v] of logs) logs.set(k, v / perWord);
  const maxLog = Math.max(...logs.values());
  let total = 0;
  for (const [k, v] of logs) {
    const e = Math.exp(v - maxLog);
    logs.set(k, e);
    total += e;
  }
  for (const [k, v] of logs) logs.set(k, v / total);
  return logs;
}

/** Trains the naive Bayes part from (sector, text) examples; null when there are too few. */
export function trainSectorModel(examples: { sector: string; text: string }[]): NaiveBayes | null {
  if (examples.length < 20) return null;
  const counts = new Map<string, Map<string, number>>();
  const totals = new Map<string, number>();
  const docs = new Map<string, number>();
  const vocabulary = new Set<string>();
  for (const { sector, text } of examples) {
    const bag = counts.get(sector) ?? new Map<string, number>();
    counts.set(sector, bag);
    docs.set(sector, (docs.get(sector) ?? 0) + 1);
    for (const stem of contentStems(text)) {
      bag.set(stem, (bag.get(stem) ?? 0) + 1);
      totals.set(sector, (totals.get(sector) ?? 0) + 1);
      vocabulary.add(stem);
    }
  }
  const prior = new Map<string, number>();
  const likelihood = new Map<string, Map<string, number>>();
  const unseen = new Map<string, number>();
  for (const [sector, bag] of counts) {
    // A flat prior: the desk's mix of past stories should not decide today's story.
    prior.set(sector, 0);
    const denominator = (totals.get(sector) ?? 0) + vocabulary.size;
    const logs = new Map<string, number>();
    for (const [stem, n] of bag) logs.set(stem, Math.log((n + 1) / denominator));
    likelihood.set(sector, logs);
    unseen.set(sector, Math.log(1 / denominator));
  }
  return { prior, likelihood, unseen, vocabulary };
}

/** Keyword lines as the taggers match them: folded, stemmed words of each phrase. */
export function keywordPhrases(lines: readonly string[]): string[][] {
  return lines.map((line) => contentStems(line)).filter((p) => p.length > 0);
}

/** A sector's keyword list as typed in the newsroom, or the default for its slug. */
export function effectiveKeywords(sector: { slug: string; keywords: string }): string[] {
  const own = sector.keywords
    .split(/[\n,]/)
    .map((k) => k.trim())
    .filter(Boolean);
  return own.length ? own : (defaultSectorKeywords[sector.slug] ?? []);
}

const LEARNING_SAMPLE = 3000;
const MODEL_TTL_MS = 10 * 60 * 1000;
const models = new WeakMap<object, { at: number; model: Promise<SectorModel> }>();

/**
 * The sector model for a database: the sectors' keyword lists and a naive Bayes model of the
 * last stories a person filed or reviewed (their main sector). Rebuilt every ten minutes, so
 * an editor's choices and edited keyword lists take effect without a restart.
 */
export function sectorModelFor(db: DB): Promise<SectorModel> {
  const hit = models.get(db);
  if (hit && Date.now() - hit.at < MODEL_TTL_MS) return hit.model;
  const model = buildSectorModel(db);
  models.set(db, { at: Date.now(), model });
  model.catch(() => models.delete(db));
  return model;
}

export function forgetSectorModel(db: DB): void {
  models.delete(db);
}

async function buildSectorModel(db: DB): Promise<SectorModel> {
  const sectors = await db.selectFrom('sectors').select(['slug', 'keywords']).orderBy('position').execute();
  const examples = await db
    .selectFrom('articles as a')
    .innerJoin('article_sectors as s', (j) => j.onRef('s.article_id', '=', 'a.id').on('s.position', '=', 0))
    .innerJoin('sectors as sec', 'sec.id', 's.sector_id')
    .select(['sec.slug', 'a.headline', 'a.standfirst', 'a.body'])
    .where('a.kind', '=', 'news')
    .where((eb) => eb.or([eb('a.human_reviewed', '=', 1), eb('a.created_by', 'is not', null)]))
    .orderBy('a.id', 'desc')
    .limit(LEARNING_SAMPLE)
    .execute();
  return {
    sectors: sectors.map((s) => ({ slug: s.slug, keywords: keywordPhrases(effectiveKeywords(s)) })),
    learned: trainSectorModel(examples.map((e) => ({ sector: e.slug, text: `${e.headline} ${e.standfirst} ${textOf(e.body)}` }))),
    fitted: fittedSectors(),
  };
}

const round = (n: number) => Math.round(n * 1000) / 1000;
