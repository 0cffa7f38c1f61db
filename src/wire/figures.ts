import { fold } from './text.js';

/**
 * Figures as agencies write them, brought to one form so two reports of an event can agree:
 * "$15 million", "15 million dollars", "US$15m" and "USD 15,000,000" are all 15000000; "about
 * 2,400" is 2400; "eighteen thousand two hundred and forty" is 18240; "27%", "27 percent" and
 * "27 per cent" are 27%. Years (2026) and round small counts ("12 districts") are kept but
 * marked as not telling events apart.
 */

function mapOf(entries: Record<string, number>): Map<string, number> {
  return new Map(Object.entries(entries));
}

export interface Figure {
  /** The value as a canonical string: "15000000", "6.2", "27%". */
  value: string;
  /** Whether it tells events apart: not a year, not a small round count. */
  specific: boolean;
}

// Maps: looked up once per word of every report (and by the fact guard, fact-guard.ts).
/** Number words below twenty, and "dozen". */
export const UNITS: ReadonlyMap<string, number> = mapOf({
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  dozen: 12,
});
/** The tens as words. */
export const TENS: ReadonlyMap<string, number> = mapOf({ twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 });
/** What a figure is multiplied by: scale words and their short forms. */
export const SCALES: ReadonlyMap<string, number> = mapOf({
  hundred: 100,
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  trillion: 1e12,
  lakh: 1e5,
  lakhs: 1e5,
  crore: 1e7,
  crores: 1e7,
  m: 1e6,
  mn: 1e6,
  bn: 1e9,
  k: 1e3,
});
/** Scale words that may follow a figure written in digits ("6.2 million", "US$15m"). */
const DIGIT_SCALES = new Set(['thousand', 'million', 'billion', 'trillion', 'lakh', 'lakhs', 'crore', 'crores']);
/** Short scales ("15m", "2bn") only next to money: "3,900 m" is metres. */
const MONEY_SCALES = new Set(['m', 'mn', 'bn', 'k']);
const CURRENCY = new Set([
  '$',
  '€',
  '£',
  '₹',
  'us',
  'usd',
  'eur',
  'gbp',
  'rs',
  'inr',
  'kes',
  'ugx',
  'tzs',
  'ngn',
  'zar',
  'dollars',
  'dollar',
  'euros',
  'pounds',
  'rupees',
  'shillings',
  'naira',
  'rand',
]);

/** Tokens: words, figures in digits (with their separators) and the signs around them. */
const TOKEN = /\d+(?:[.,]\d+)*|[a-z]+|[$%€£₹]/g;

function canonical(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 1000) / 1000);
}

/** "12,000" → 12000, "3.5" → 3.5, "1.200.000" (continental) → 1200000. */
function digitsValue(token: string): number {
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(token)) return Number(token.replace(/,/g, ''));
  if (/^\d{1,3}(\.\d{3}){2,}$/.test(token)) return Number(token.replace(/\./g, ''));
  return Number(token.replace(/,/g, '.'));
}

/** Reads a run of number words starting at `i` ("two hundred and forty", "a million"). */
function wordsValue(tokens: string[], i: number): { value: number; next: number } | null {
  let total = 0;
  let current = 0;
  let j = i;
  let any = false;
  // "a million", "a thousand", "a dozen": "a" counts as one only before a scale.
  if (tokens[j] === 'a' && (SCALES.has(tokens[j + 1] ?? '') || tokens[j + 1] === 'dozen') && tokens[j + 1] !== 'm' && tokens[j + 1] !== 'k') {
    current = 1;
    j++;
  }
  for (; j < tokens.length; j++) {
    const t = tokens[j]!;
    if (UNITS.has(t)) {
      current += UNITS.get(t)!;
      any = true;
    } else if (TENS.has(t)) {
      current += TENS.get(t)!;
      any = true;
    } else if (t === 'hundred' && (any || current)) {
      current = (current || 1) * 100;
      any = true;
    } else if ((t === 'thousand' || t === 'million' || t === 'billion' || t === 'lakh' || t === 'crore') && (any || current)) {
      total += (current || 1) * SCALES.get(t)!;
      current = 0;
      any = true;
    } else if (t === 'and' && any && (UNITS.has(tokens[j + 1] ?? '') || TENS.has(tokens[j + 1] ?? ''))) {
      continue;
    } else break;
  }
  if (!any) return null;
  return { value: total + current, next: j };
}

/** The figures of a text, in order, each in its canonical form. */
export function figuresIn(text: string): Figure[] {
  const tokens = fold(text.replace(/(\d)-(?=[a-z])/gi, '$1 ').replace(/([a-z])-(?=[a-z])/gi, '$1 ')).match(TOKEN) ?? [];
  const out: Figure[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    let value: number;
    let next: number;
    let year = false;
    if (/^\d/.test(t)) {
      value = digitsValue(t);
      next = i + 1;
      year = /^(19|20)\d\d$/.test(t);
      // "6.2 million", "15m", "2 lakh"
      const scale = tokens[next];
      const money = CURRENCY.has(tokens[i - 1] ?? '') || CURRENCY.has(tokens[i - 2] ?? '') || CURRENCY.has(tokens[next + 1] ?? '');
      if (scale && (DIGIT_SCALES.has(scale) || (MONEY_SCALES.has(scale) && money))) {
        value *= SCALES.get(scale)!;
        next++;
        year = false;
      }
    } else {
      const read = wordsValue(tokens, i);
      if (!read) continue;
      ({ value, next } = read);
    }
    if (!Number.isFinite(value)) continue;
    const percent = tokens[next] === '%' || tokens[next] === 'percent' || (tokens[next] === 'per' && tokens[next + 1] === 'cent') || tokens[next] === 'pct';
    const v = canonical(value);
    out.push(
      percent ? { value: `${v}%`, specific: true } : { value: v, specific: !year && (value >= 100 || !Number.isInteger(value)) && !/^[1-9]0+$/.test(v) },
    );
    i = next - 1;
  }
  return out;
}

/** The figures that tell events apart, once each. */
export const specificFigures = (text: string): string[] => [
  ...new Set(
    figuresIn(text)
      .filter((f) => f.specific)
      .map((f) => f.value),
  ),
];
