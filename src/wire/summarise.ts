import { contentStems, sentences, wordCount } from './text.js';

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

/** The copy's sentences with their scores; rank once, then pick for any budget. */
export function rankSentences(headline: string, text: string): RankedSentence[] {
  const all = sentences(text).filter((s) => wordCount(s) >= 4);
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

/** The best whole sentences within the budget, in the order of the copy; '' when none fits. */
export function pickSentences(ranked: readonly RankedSentence[], options: SummaryOptions): string {
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
