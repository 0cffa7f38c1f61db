import { split as splitText } from 'sentence-splitter';
import { stemmer } from 'stemmer';
import { eng as englishStopwords } from 'stopword';

/** Text helpers shared by duplicate detection, tagging and summaries (English copy). */

const stopwords = new Set<string>([
  ...englishStopwords,
  // Wire boilerplate that says nothing about the event.
  'said', 'says', 'told', 'according', 'reported', 'reports', 'added', 'statement', 'tuesday', 'monday', 'wednesday',
  'thursday', 'friday', 'saturday', 'sunday', 'week', 'year', 'years', 'also', 'would', 'could', 'new', 'percent', 'per', 'cent',
]);

/** Lower case without accents, so "Côte" and "Cote" meet. */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** Words and numbers in reading order, folded; numbers keep their decimal point ("3.5", "12000"). */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const match of fold(text).matchAll(/\d+(?:[.,]\d+)*|[a-z]+(?:['’-][a-z]+)*/g)) {
    const token = match[0];
    out.push(/^\d/.test(token) ? normaliseNumber(token) : token.replace(/’/g, "'"));
  }
  return out;
}

/** "12,000" and "12000" are the same figure; "3.5" keeps its point. */
export function normaliseNumber(token: string): string {
  return token.replace(/,(?=\d{3}\b)/g, '').replace(/,/g, '.');
}

const stemCache = new Map<string, string>();
/** Porter stem, cached: the same few thousand words come back all day. */
export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = /^\d/.test(word) ? word : stemmer(word);
    if (stemCache.size > 200_000) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

export const isStopword = (word: string) => stopwords.has(word);

/** The words that carry meaning, stemmed: what similarity and classification compare. */
export function contentStems(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    if (w.length < 2 || stopwords.has(w)) continue;
    out.push(stem(w));
  }
  return out;
}

/** Sentences as written (abbreviations and decimals do not end one). */
export function sentences(text: string): string[] {
  return splitText(text)
    .filter((node) => node.type === 'Sentence')
    .map((node) => node.raw.replace(/\s+/g, ' ').trim())
    .filter((s) => s.length > 0);
}

export const wordCount = (text: string) => (text.match(/\S+/g) ?? []).length;
