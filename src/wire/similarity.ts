import { figuresIn, type Figure } from './figures.js';
import { fold, isStopword, MONTH_ABBREVIATIONS, MONTH_NAMES, stem, words } from './text.js';

/**
 * What two reports of one event share when their agencies word them differently: the rare words
 * (TF-IDF, with document frequencies from the stored archive), the names of places, bodies and
 * people, and the figures once written the same way (figures.ts). Each report is reduced once to
 * a profile, kept with its item; pairs are compared profile to profile.
 */

/** Document frequencies: how many stored reports use each term. */
export interface TermStats {
  documents: number;
  frequency(term: string): number;
}

export interface TextProfile {
  /** Term counts of headline and body (stems; figures as "#value"), at most MAX_TERMS. */
  terms: Record<string, number>;
  /** Stems of the headline and lead. */
  head: string[];
  /** Figures that tell events apart ("18240", "6200000", "27%"), and small ones ("38", "12"). */
  figures: string[];
  small: string[];
  /** Capitalised words that do not start a sentence: places, bodies, people (folded). */
  names: string[];
  /** The TF-IDF vector lengths of text, head and names with the frequencies of when the item was
   *  stored, so comparing with it needs only the frequencies of the terms the two share. */
  norms?: { text: number; head: number; names: number };
}

const MAX_TERMS = 100;
const MAX_NAMES = 40;
const MAX_FIGURES = 30;

/** Number words and scales: figures.ts reads them; as terms they would only add noise. */
const NUMBER_WORDS = new Set([
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
  'twenty',
  'thirty',
  'forty',
  'fifty',
  'sixty',
  'seventy',
  'eighty',
  'ninety',
  'hundred',
  'thousand',
  'million',
  'billion',
  'dozen',
  'lakh',
  'crore',
  'half',
  'dollars',
  'dollar',
  'us',
  'usd',
  'pct',
]);

/** Capitalised words that are there because of grammar, the calendar or a title, not a name. */
const NOT_NAMES = new Set([
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  ...MONTH_NAMES,
  'the',
  'a',
  'an',
  'in',
  'on',
  'it',
  'he',
  'she',
  'they',
  'we',
  'its',
  'this',
  'that',
  'his',
  'her',
  'their',
  'ministry',
  'minister',
  'government',
  'president',
  'national',
  'state',
  'but',
  'and',
  'of',
  'for',
  'at',
  'by',
  'with',
  'from',
  'to',
  'as',
  'dr',
  'mr',
  'ms',
  'mrs',
  'according',
  'officials',
  'some',
  'most',
  'many',
  'under',
  'after',
  'before',
  'while',
  'when',
  'if',
  'since',
  'during',
  ...MONTH_ABBREVIATIONS,
  'us',
  'said',
  'says',
]);

/** The words of a sentence as names are read from it: letters, with apostrophes and hyphens inside. */
export const nameTokens = (sentence: string): string[] => sentence.match(/[\p{L}][\p{L}'’-]*/gu) ?? [];
/** A word as a name is kept: folded, without a possessive "'s". */
export const nameOf = (token: string): string => fold(token).replace(/['’]s$/u, '');

/** The names in a text: capitalised words that do not open a sentence (and the headline's, which is all capitals or title case). */
export function namesIn(text: string, headline = false): string[] {
  const names: string[] = [];
  for (const sentence of text.split(/(?<=[.!?:])\s+/)) {
    nameTokens(sentence).forEach((token, i) => {
      if ((i === 0 && !headline) || !/^\p{Lu}/u.test(token)) return;
      // Acronyms and agency tags in capitals count (SEMACO), single letters do not.
      if (token.length < 2) return;
      const name = nameOf(token);
      if (!NOT_NAMES.has(name) && !(headline && isStopword(name))) names.push(name);
    });
  }
  return names;
}

/** A text's terms (stems, and its figures as "#value") and its figures. */
function termsOf(text: string): { terms: string[]; figures: Figure[] } {
  const terms: string[] = [];
  for (const w of words(text)) {
    if (/^\d/.test(w) || w.length < 2 || isStopword(w) || NUMBER_WORDS.has(w)) continue;
    terms.push(stem(w));
  }
  const figures = figuresIn(text);
  for (const f of figures) terms.push(`#${f.value}`);
  return { terms, figures };
}

/** The profile of a report: headline, lead (without its dateline) and body text. */
export function profileOf(headline: string, lead: string, body: string): TextProfile {
  const head = termsOf(headline);
  const text = body ? termsOf(body) : termsOf(lead);
  const counts = new Map<string, number>();
  // Headline terms count twice: the headline says what the event is.
  for (const t of [...head.terms, ...head.terms, ...text.terms]) counts.set(t, (counts.get(t) ?? 0) + 1);
  const terms = Object.fromEntries([...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, MAX_TERMS));
  const all = [...head.figures, ...text.figures];
  const figures = [...new Set(all.filter((f) => f.specific).map((f) => f.value))].slice(0, MAX_FIGURES);
  const small = [
    ...new Set(
      all.filter((f) => !f.specific && /^\d+$/.test(f.value) && Number(f.value) >= 2 && Number(f.value) < 100 && !/^[1-9]0$/.test(f.value)).map((f) => f.value),
    ),
  ].slice(0, MAX_FIGURES);
  const names = [...new Set([...namesIn(headline, true), ...namesIn(body || lead)])].slice(0, MAX_NAMES);
  const leadTerms = body ? termsOf(lead).terms : text.terms;
  return { terms, head: [...new Set([...head.terms, ...leadTerms])], figures, small, names };
}

/** Inverse document frequency, smoothed: a term no stored report has weighs most. */
export const idf = (stats: TermStats, term: string) => Math.log((stats.documents + 1) / (stats.frequency(term) + 1)) + 1;

const textWeight = (n: number, stats: TermStats, t: string) => (1 + Math.log(n)) * idf(stats, t);

/** A profile's term weights under `stats`, worked out once however many candidates it meets. */
const weightCache = new WeakMap<TermStats, WeakMap<object, Map<string, number>>>();
function weightsOf(p: TextProfile, stats: TermStats): Map<string, number> {
  let byProfile = weightCache.get(stats);
  if (!byProfile) weightCache.set(stats, (byProfile = new WeakMap()));
  let weights = byProfile.get(p.terms);
  if (!weights) byProfile.set(p.terms, (weights = new Map(Object.entries(p.terms).map(([t, n]) => [t, textWeight(n, stats, t)]))));
  return weights;
}

/** The vector lengths of a profile under `stats`. */
export function normsOf(p: TextProfile, stats: TermStats): NonNullable<TextProfile['norms']> {
  const length = (values: number[]) => Math.sqrt(values.reduce((sum, v) => sum + v * v, 0));
  return {
    text: length(Object.entries(p.terms).map(([t, n]) => textWeight(n, stats, t))),
    head: length(p.head.map((t) => idf(stats, t))),
    names: length(p.names.map((n) => idf(stats, stem(n)))),
  };
}

/** Cosine of two weighted vectors, summing over the shared terms only. */
function sharedCosine(shared: [number, number][], normA: number, normB: number): number {
  if (!normA || !normB) return 0;
  let dot = 0;
  for (const [x, y] of shared) dot += x * y;
  return Math.min(1, dot / (normA * normB));
}

const shared = (a: readonly string[], b: readonly string[]) => {
  const set = new Set(b);
  return a.filter((x) => set.has(x));
};

/** The measurements a pair is judged on, each in [0, 1] (hours in days, at most 2). */
export interface PairFeatures {
  text: number;
  head: number;
  names: number;
  figures: number;
  smallFigures: number;
  figureConflict: number;
  days: number;
  sameCountry: number;
  sameSector: number;
}

export function pairFeatures(
  a: TextProfile & { countries: readonly string[]; sectors?: readonly string[] },
  b: TextProfile & { countries: readonly string[]; sectors?: readonly string[] },
  stats: TermStats,
  hours: number,
): { features: PairFeatures; sharedNames: string[]; sharedFigures: string[] } {
  const sharedFigures = shared(a.figures, b.figures);
  const sharedNames = shared(a.names, b.names);
  const na = a.norms ?? normsOf(a, stats);
  const nb = b.norms ?? normsOf(b, stats);
  const weightsA = weightsOf(a, stats);
  const sharedTerms: [number, number][] = [];
  for (const [t, m] of Object.entries(b.terms)) {
    const w = weightsA.get(t);
    if (w !== undefined) sharedTerms.push([w, textWeight(m, stats, t)]);
  }
  const headShared = shared(a.head, b.head).map((t): [number, number] => [idf(stats, t), idf(stats, t)]);
  const nameShared = sharedNames.map((n): [number, number] => [idf(stats, stem(n)), idf(stats, stem(n))]);
  const features: PairFeatures = {
    text: sharedCosine(sharedTerms, na.text, nb.text),
    head: sharedCosine(headShared, na.head, nb.head),
    names: sharedCosine(nameShared, na.names, nb.names),
    figures: Math.min(sharedFigures.length, 3) / 3,
    smallFigures: Math.min(shared(a.small, b.small).length, 3) / 3,
    // Both give figures and none agree: often next month's statistic, or another project.
    figureConflict: a.figures.length >= 2 && b.figures.length >= 2 && sharedFigures.length === 0 ? 1 : 0,
    days: Math.min(Math.abs(hours) / 24, 2),
    sameCountry: a.countries[0] !== undefined && a.countries[0] === b.countries[0] ? 1 : 0,
    sameSector: a.sectors?.[0] !== undefined && a.sectors[0] === b.sectors?.[0] ? 1 : 0,
  };
  return { features, sharedNames, sharedFigures };
}

/** An in-memory TermStats over a set of profiles (evaluation, and tests). */
export function statsOf(profiles: readonly Pick<TextProfile, 'terms' | 'names'>[]): TermStats {
  const df = new Map<string, number>();
  for (const p of profiles) for (const t of new Set([...Object.keys(p.terms), ...p.names.map(stem)])) df.set(t, (df.get(t) ?? 0) + 1);
  return { documents: profiles.length, frequency: (t) => df.get(t) ?? 0 };
}

/** The terms whose document frequency a report adds to: its terms and its names' stems. */
export const documentTerms = (p: Pick<TextProfile, 'terms' | 'names'>) => [...new Set([...Object.keys(p.terms), ...p.names.map(stem)])];
