import { SCALES, TENS, UNITS } from './figures.js';

/**
 * The fact guard for machine rewrites of agency copy: every number, date expression and proper
 * name in the rewrite must already be in the agency text. It compares normalised forms
 * ("12,000" = "12000" = "12 thousand", "14 March" = "March 14th", "São Tomé" = "sao tome", case
 * ignored), and it errs on the side of refusing: a refused rewrite leaves the agency copy as it
 * was, an accepted invention would go out under the site's name.
 */

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_ABBREVIATIONS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12 };
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

const FULL_MONTH = '(January|February|March|April|May|June|July|August|September|October|November|December)';
const ANY_MONTH =
  '(January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?)';
const ORDINAL = '(?:st|nd|rd|th)?';
const YEAR = '((?:1[89]|20)\\d{2})';

/** Number words checked in rewrites ("twelve", "twenty-five", "a dozen"): figures.ts's words, but
 *  "zero" and "one" (too common to check). */
const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([...UNITS, ...TENS].filter(([word]) => word !== 'zero' && word !== 'one'));
/** Those, and words the source may use for a number the rewrite writes in digits (not checked in rewrites: too common). */
const SOURCE_NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ...NUMBER_WORDS,
  ['one', UNITS.get('one')!],
  ['hundred', SCALES.get('hundred')!],
  ['thousand', SCALES.get('thousand')!],
  ...Object.entries({ a: 1, single: 1, both: 2, pair: 2, couple: 2 }),
]);
/** What follows a figure in digits ("$1.4bn", "12 thousand"): figures.ts's scales, and "b" and "tn". */
const MULTIPLIERS: ReadonlyMap<string, number> = new Map([...SCALES, ['b', 1e9], ['tn', 1e12]]);

/**
 * Words that may start a sentence without being a name (checked lower-cased). Anything else
 * capitalised at the start of a sentence counts as a name unless the agency copy or the rewrite
 * also uses it in lower case.
 */
const COMMON_WORDS = new Set(
  `a an the this that these those there here it its it's he she they we you i his her their our your my me him them us
  in on at by for from to of with without within into onto over under after before during since until till about above
  below between among across along around against through throughout toward towards upon via per despite except
  and or but nor so yet if when while where whereas whether because although though unless once as than then thus
  also however meanwhile moreover furthermore nevertheless nonetheless instead still already even only just not no
  yes all any both each every either neither few many more most much several some such other another same own
  who whom whose which what why how
  is are was were be been being am has have had having do does did done will would shall should can could may might must
  said says say according added told noted reported announced warned called urged expected planned
  officials authorities residents people government police experts analysts critics supporters local new more most
  last next first second third final earlier later today yesterday tomorrow tonight now recently currently
  one two three four five six seven eight nine ten dozens hundreds thousands millions
  mr mrs ms dr prof sir madam
  after amid overall elsewhere nearly almost about around roughly some around under over least
  many officials workers farmers families children women men students teachers patients doctors nurses
  reuters agency agencies report reports data figures survey study
  plans plan work works project projects programme program funding aid support
  according asked speaking writing`
    .split(/\s+/)
    .filter(Boolean),
);

/** Small words that may sit inside a name ("Ministry of Health", "Bank of the South", "Vasco da Gama");
 *  "the" only after "of" or "for". "And" ends a name: "UNICEF and the World Bank" are two. */
const NAME_CONNECTORS = new Set([
  'of',
  'the',
  'for',
  'de',
  'da',
  'do',
  'dos',
  'das',
  'du',
  'des',
  'la',
  'le',
  'van',
  'von',
  'der',
  'den',
  'bin',
  'bint',
  'ibn',
  'al',
  'el',
  'y',
  'e',
  'on',
]);

/** Lower case, without accents, typographic quotes and dashes made plain. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[’‘`´]/g, "'")
    .replace(/[‐‑‒–—]/g, '-')
    .toLowerCase();
}

const words = (text: string) => normaliseText(text).match(/[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu) ?? [];
const withoutPossessive = (word: string) => word.replace(/'s$|'$/, '');
/**
 * The beginnings of a word that stand for it when telling a common word from a name, so that
 * "Starts" matches "started" and "Vaccination" matches "vaccinated": all but its last three
 * letters, and at least four.
 */
const prefixesOf = (word: string) => {
  const out: string[] = [];
  for (let n = Math.min(word.length, Math.max(4, word.length - 3)); n <= word.length; n++) out.push(word.slice(0, n));
  return out;
};

/** A number as a comparable key: 12,000 → "12000"; 3.50 → "3.5"; 1.4 million → "1400000". */
const numberKey = (value: number) => String(Number(value.toPrecision(12)));

interface Found {
  /** As written in the rewrite, for the reason. */
  text: string;
  start: number;
  end: number;
}

interface DateFound extends Found {
  /** Every key must be in the agency text's set for the date to pass. */
  keys: string[];
}

const monthNumber = (name: string) => {
  const n = name.toLowerCase().replace(/\.$/, '');
  const full = MONTHS.indexOf(n);
  return full >= 0 ? full + 1 : (MONTH_ABBREVIATIONS[n] ?? 0);
};

/** Date expressions: "14 March 2026", "March 14", "March 2026", "March", "Tuesday", "2026", "yesterday", "last week". */
export function findDates(text: string): DateFound[] {
  const found: DateFound[] = [];
  const taken = (start: number, end: number) => found.some((f) => start < f.end && end > f.start);
  const add = (m: RegExpExecArray, keys: string[]) => {
    const start = m.index;
    const end = m.index + m[0].length;
    if (!taken(start, end)) found.push({ text: m[0].trim(), start, end, keys });
  };
  const scan = (pattern: string, flags: string, keysOf: (m: RegExpExecArray) => string[] | null) => {
    const re = new RegExp(pattern, flags);
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const keys = keysOf(m);
      if (keys) add(m, keys);
    }
  };
  const dayKeys = (day: string, month: string, year?: string) => {
    const d = Number(day);
    const mo = monthNumber(month);
    if (d < 1 || d > 31 || !mo) return null;
    return [`d${d}-m${mo}`, ...(year ? [`y${year}`] : [])];
  };
  // Day and month, either order, with an optional year.
  scan(`(?<![\\d.,])(\\d{1,2})${ORDINAL}(?:\\s+of)?\\s+${ANY_MONTH}(?![\\p{L}])(?:,?\\s+${YEAR}(?!\\d))?`, 'gu', (m) => dayKeys(m[1]!, m[2]!, m[3]));
  scan(`(?<![\\p{L}])${ANY_MONTH}\\s+(\\d{1,2})${ORDINAL}(?![\\d\\p{L}])(?:,?\\s+${YEAR}(?!\\d))?`, 'gu', (m) => dayKeys(m[2]!, m[1]!, m[3]));
  // Month and year, then a month on its own ("May" only where it cannot be the verb).
  scan(`(?<![\\p{L}])${FULL_MONTH}\\s+(?:of\\s+)?${YEAR}(?!\\d)`, 'gu', (m) => [`m${monthNumber(m[1]!)}`, `y${m[2]}`]);
  scan(`(?<![\\p{L}])${FULL_MONTH}(?![\\p{L}])`, 'gu', (m) => {
    if (
      m[1] === 'May' &&
      !/\b(in|on|since|until|till|by|from|of|last|next|this|early|late|mid|mid-|end of|before|after)[\s-]*$/i.test(
        text.slice(Math.max(0, m.index - 12), m.index),
      )
    )
      return null;
    return [`m${monthNumber(m[1]!)}`];
  });
  scan(`(?<![\\p{L}])(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?(?![\\p{L}])`, 'gu', (m) => [`w${m[1]!.toLowerCase()}`]);
  scan(`(?<![\\p{L}])(?:(last|next|this|past|coming)\\s+(week|weekend|month|year)|(yesterday|today|tonight|tomorrow))(?![\\p{L}])`, 'giu', (m) =>
    m[3]
      ? [`r${m[3].toLowerCase()}`]
      : [
          `r${m[1]!
            .toLowerCase()
            .replace(/past/, 'last')
            .replace(/coming/, 'next')}-${m[2]!.toLowerCase()}`,
        ],
  );
  // A year on its own: four digits, not part of a larger number ("2,024") or a decimal.
  scan(`(?<![\\d.,])${YEAR}s?(?![\\d]|[.,]\\d)`, 'gu', (m) => [`y${m[1]}`]);
  return found.sort((a, b) => a.start - b.start);
}

interface NumberFound extends Found {
  raw: string;
  /** With its multiplier applied (1.4 million → 1400000); null without one. */
  scaled: string | null;
}

/** Numbers in digits, with thousands separators, decimals and multipliers ("$1.4bn", "12,000", "3.5%"). */
export function findNumbers(text: string): NumberFound[] {
  // Thousands separated by one kind of separator throughout ("12,000,000", "12 000"), or plain digits.
  const re =
    /(?<![\d.,])(\d{1,3}(?:([,\u00a0\u202f\u2009 ])\d{3})(?:\2\d{3})*(?![\d])(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s?(thousand|million|billion|trillion|mn|bn|tn|[kmb])(?![\p{L}]))?/giu;
  const found: NumberFound[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const value = Number(m[1]!.replace(/[,\u00a0\u202f\u2009]/g, ''));
    if (!Number.isFinite(value)) continue;
    const multiplier = m[3] ? MULTIPLIERS.get(m[3].toLowerCase()) : undefined;
    found.push({ text: m[0], start: m.index, end: m.index + m[0].length, raw: numberKey(value), scaled: multiplier ? numberKey(value * multiplier) : null });
  }
  return found;
}

/** Numbers written as words ("twelve", "twenty-five", "a dozen"). */
function findNumberWords(text: string, table: ReadonlyMap<string, number>): { text: string; key: string }[] {
  const out: { text: string; key: string }[] = [];
  const re = /(?<![\p{L}])([a-z]+)(?:-([a-z]+))?(?![\p{L}])/giu;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const first = table.get(m[1]!.toLowerCase());
    if (first === undefined) continue;
    const second = m[2] ? table.get(m[2].toLowerCase()) : undefined;
    out.push({ text: m[0], key: numberKey(second !== undefined && first >= 20 && second < 10 ? first + second : first) });
  }
  return out;
}

const mask = (text: string, spans: readonly Found[]) => {
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + ' '.repeat(s.end - s.start) + out.slice(s.end);
  return out;
};

/** Everything in the agency text a rewrite may mention. */
export interface SourceFacts {
  numbers: Set<string>;
  dates: Set<string>;
  /** Normalised words (possessives removed). */
  words: Set<string>;
  /** Beginnings of the words the text uses in lower case: such a word at a sentence start is not a name. */
  lowerPrefixes: Set<string>;
}

export function sourceFacts(agencyText: string): SourceFacts {
  const numbers = new Set<string>();
  for (const n of findNumbers(agencyText)) {
    numbers.add(n.raw);
    if (n.scaled) numbers.add(n.scaled);
  }
  for (const w of findNumberWords(agencyText, SOURCE_NUMBER_WORDS)) numbers.add(w.key);
  const dates = new Set<string>();
  for (const d of findDates(agencyText)) {
    for (const key of d.keys) dates.add(key);
    // "14 March" also tells of March.
    for (const key of d.keys) if (/^d\d+-m\d+$/.test(key)) dates.add(key.replace(/^d\d+-/, ''));
  }
  const wordList = words(agencyText).map(withoutPossessive);
  const all = new Set<string>();
  for (const w of wordList) {
    all.add(w);
    for (const part of w.split('-')) all.add(part);
  }
  return { numbers, dates, words: all, lowerPrefixes: lowerCasePrefixes(agencyText) };
}

function lowerCasePrefixes(text: string): Set<string> {
  const prefixes = new Set<string>();
  for (const m of text.matchAll(/(?<![\p{L}])\p{Ll}[\p{L}\p{M}]*/gu)) for (const p of prefixesOf(normaliseText(m[0]))) prefixes.add(p);
  return prefixes;
}

/** One block of the rewrite: a headline, the standfirst or a paragraph. */
export interface RewriteText {
  headline: string;
  standfirst: string;
  paragraphs: readonly string[];
}

/**
 * Reasons the rewrite may not be used, one per invented number, date or name (empty: it passes).
 * `agencyText` is the plain text of everything the agency sent (headline, standfirst, body, dateline).
 */
export function checkFacts(agencyText: string, rewrite: RewriteText): string[] {
  const facts = sourceFacts(agencyText);
  const rewriteLower = lowerCasePrefixes([rewrite.headline, rewrite.standfirst, ...rewrite.paragraphs].join('\n'));
  const reasons: string[] = [];
  const say = (reason: string) => {
    if (!reasons.includes(reason)) reasons.push(reason);
  };
  const blocks = [
    { text: rewrite.headline, headline: true },
    { text: rewrite.standfirst, headline: false },
    ...rewrite.paragraphs.map((text) => ({ text, headline: false })),
  ];
  for (const block of blocks) {
    const dates = findDates(block.text);
    for (const d of dates) {
      const ok = d.keys.every((key) => facts.dates.has(key) || (key.startsWith('y') && facts.numbers.has(key.slice(1))));
      if (!ok) say(`the date ${d.text} is not in the agency copy`);
    }
    const rest = mask(block.text, dates);
    for (const n of findNumbers(rest)) {
      const ok = n.scaled ? facts.numbers.has(n.scaled) : facts.numbers.has(n.raw);
      if (!ok) say(`the number ${n.text.trim()} is not in the agency copy`);
    }
    for (const w of findNumberWords(rest, NUMBER_WORDS)) {
      if (!facts.numbers.has(w.key)) say(`the number ${w.text} is not in the agency copy`);
    }
    for (const name of findNames(rest, block.headline, (word) => isCommonWord(word, facts, rewriteLower))) {
      const missing = name.words.filter((w) => !NAME_CONNECTORS.has(w) && !facts.words.has(w));
      if (missing.length) say(`the name ${name.text} is not in the agency copy`);
    }
  }
  return reasons;
}

function isCommonWord(word: string, facts: SourceFacts, rewriteLower: Set<string>): boolean {
  const n = withoutPossessive(normaliseText(word));
  return COMMON_WORDS.has(n) || prefixesOf(n).some((p) => facts.lowerPrefixes.has(p) || rewriteLower.has(p));
}

const isDateWord = (n: string) => MONTHS.includes(n) || WEEKDAYS.includes(n) || WEEKDAYS.includes(n.replace(/s$/, ''));

/**
 * Proper names: runs of capitalised words (acronyms included), joined by connectors such as "of".
 * A capitalised word at the start of a sentence, after a quotation mark or a colon, or anywhere
 * in a headline written in Title Case, is a name only when it is not a common word.
 */
export function findNames(text: string, isHeadline: boolean, isCommon: (word: string) => boolean): { text: string; words: string[] }[] {
  const tokens = [...text.matchAll(/[\p{L}\p{M}][\p{L}\p{M}\p{N}'’]*(?:[-‐‑][\p{L}\p{M}\p{N}'’]+)*/gu)].map((m) => ({
    word: m[0],
    start: m.index,
    end: m.index + m[0].length,
  }));
  const capitalised = (w: string) => /^\p{Lu}/u.test(w);
  const long = tokens.slice(1).filter((t) => t.word.length > 3);
  const titleCase = isHeadline && long.length >= 2 && long.filter((t) => capitalised(t.word)).length / long.length >= 0.6;

  type Part = { start: number; end: number; words: string[]; connector: boolean };
  const names: { text: string; words: string[] }[] = [];
  let run: Part[] = [];
  const close = () => {
    while (run.length && run.at(-1)!.connector) run.pop();
    if (run.length) names.push({ text: text.slice(run[0]!.start, run.at(-1)!.end), words: run.flatMap((p) => p.words) });
    run = [];
  };
  let previousEnd = 0;
  for (const [index, token] of tokens.entries()) {
    const gap = text.slice(previousEnd, token.start);
    previousEnd = token.end;
    if (run.length && /\S/.test(gap)) close();
    const sentenceStart = index === 0 || /[.!?:;"“”«»(\[]|\n/.test(gap);
    const lower = normaliseText(token.word);
    if (!capitalised(token.word)) {
      const joins = NAME_CONNECTORS.has(lower) && (lower !== 'the' || ['of', 'for'].includes(run.at(-1)?.words[0] ?? ''));
      if (run.length && joins) run.push({ start: token.start, end: token.end, words: [lower], connector: true });
      else close();
      continue;
    }
    // Dates and numbers in words are checked as such.
    if (
      lower
        .split('-')
        .map(withoutPossessive)
        .every((w) => isDateWord(w) || NUMBER_WORDS.has(w))
    ) {
      close();
      continue;
    }
    // A word that need not be a name where it stands: at a sentence start, in a Title Case headline.
    const loose = sentenceStart || titleCase;
    if (token.word === 'I' || (loose && isCommon(token.word))) {
      close();
      continue;
    }
    // Hyphenated words keep their capitalised parts only ("Nairobi-based" → nairobi).
    const words = token.word
      .split(/[-‐‑]/)
      .filter(capitalised)
      .map((p) => withoutPossessive(normaliseText(p)));
    run.push({ start: token.start, end: token.end, words, connector: false });
  }
  close();
  return names;
}
