import { withoutDateline } from './story-text.js';
import { contentStems, fold, sentences, wordCount } from './text.js';

/**
 * Extractive summaries: whole sentences of the agency copy, never cut. Each sentence is scored
 * by how much it shares with the story as a whole (the centroid of its content words, weighted
 * by frequency) and with the headline, times a lead bias (agency copy puts the news first);
 * the best that fit the word budget are kept in their original order.
 */

export interface SummaryOptions {
  maxWords: number;
  minSentences: number;
  maxSentences: number;
}

export const STANDFIRST: SummaryOptions = { maxWords: 60, minSentences: 2, maxSentences: 3 };
export const SHOT: SummaryOptions = { maxWords: 60, minSentences: 1, maxSentences: 3 };

interface RankedSentence {
  sentence: string;
  index: number;
  words: number;
  score: number;
}

/** The copy's sentences with their scores; rank once, then pick for any budget. The agency's
 *  dateline is not part of the first sentence, and a sentence the copy repeats counts once. */
export function rankSentences(headline: string, text: string): RankedSentence[] {
  const seen = new Set<string>();
  const all = sentences(withoutDateline(text.trim())).filter((s) => {
    const key = fold(s).replace(/\W+/g, ' ').trim();
    if (wordCount(s) < 4 || seen.has(key) || !balancedQuotes(s)) return false;
    seen.add(key);
    return true;
  });
  const frequency = new Map<string, number>();
  const stemsOf = all.map((s) => new Set(contentStems(s)));
  for (const stems of stemsOf) for (const stem of stems) frequency.set(stem, (frequency.get(stem) ?? 0) + 1);
  const headlineStems = new Set(contentStems(headline));
  return all.map((sentence, index) => {
    const unique = stemsOf[index]!;
    let centrality = 0;
    for (const stem of unique) centrality += frequency.get(stem)! - 1 + (headlineStems.has(stem) ? 2 : 0);
    const lengthNorm = Math.sqrt(Math.max(unique.size, 1));
    const leadBias = 1 / (1 + index * 0.6);
    return { sentence, index, words: wordCount(sentence), score: (centrality / lengthNorm + 1) * leadBias };
  });
}

/** A sentence that opens or closes a quotation it does not finish is a cut quotation. */
function balancedQuotes(s: string): boolean {
  const opened = (s.match(/“/g) ?? []).length;
  return opened === (s.match(/”/g) ?? []).length && (s.match(/"/g) ?? []).length % 2 === 0;
}

/**
 * The best whole sentences within the budget, in the order of the copy; '' when none fits.
 * With `avoid` (another summary of the same copy), a different choice is made when the best one
 * would be that same text: the weakest of its sentences gives way to the next best.
 */
export function pickSentences(ranked: readonly RankedSentence[], options: SummaryOptions, avoid?: string): string {
  const best = pickFrom(ranked, options);
  if (!avoid || best !== avoid) return best;
  const chosen = ranked.filter((r) => best.includes(r.sentence)).sort((a, b) => a.score - b.score);
  for (const weakest of chosen) {
    const other = pickFrom(
      ranked.filter((r) => r !== weakest),
      options,
    );
    if (other && other !== avoid) return other;
  }
  return '';
}

function pickFrom(ranked: readonly RankedSentence[], options: SummaryOptions): string {
  const chosen: RankedSentence[] = [];
  let used = 0;
  // Greedy by score within the budget; the lead sentence first whenever it fits.
  for (const candidate of [...ranked].sort((a, b) => b.score - a.score)) {
    if (chosen.length >= options.maxSentences) break;
    if (used + candidate.words > options.maxWords) continue;
    chosen.push(candidate);
    used += candidate.words;
  }
  if (chosen.length === 0) return '';
  // Short of the minimum: fill with the next sentences that still fit.
  for (const candidate of ranked) {
    if (chosen.length >= options.minSentences) break;
    if (chosen.includes(candidate) || used + candidate.words > options.maxWords) continue;
    chosen.push(candidate);
    used += candidate.words;
  }
  return chosen
    .sort((a, b) => a.index - b.index)
    .map((c) => c.sentence)
    .join(' ');
}

export function summarise(headline: string, text: string, options: SummaryOptions): string {
  return pickSentences(rankSentences(headline, text), options);
}

/** A story's standfirst and its Shot text from one ranking: never the same text twice. */
export function summariesOf(headline: string, text: string): { summary: string; shotText: string } {
  const ranked = rankSentences(headline, text);
  const summary = pickSentences(ranked, STANDFIRST);
  return { summary, shotText: pickSentences(ranked, SHOT, summary) };
}
