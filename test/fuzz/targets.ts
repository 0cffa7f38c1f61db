import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeCursor, encodeCursor } from '../../src/content/cursor.js';
import { sanitizeBody, textOf } from '../../src/content/html.js';
import { parseQuery, searchArticles, toFts5, toWebsearch } from '../../src/content/search.js';
import { authorSlugOf, slugOf } from '../../src/util/slug.js';
import { WireFormatError, wireItemSchema, type ParseResult } from '../../src/wire/item.js';
import { parseWire } from '../../src/wire/parse.js';
import { target, type FuzzTarget } from './core.js';
import { formTargets, formTargetsWith } from './form-targets.js';
import { randomHtml, unsafeParts } from './html.js';
import {
  mutatedBytes,
  mutatedDocument,
  randomItemFor,
  randomJsonFeedValue,
  randomNinjsValue,
  randomXmlDocument,
  render,
  wireCorpus,
  type WireDoc,
} from './wire-docs.js';

/*
 * Every fuzz target: what is generated, what must hold, and how long one case may take. The test
 * (test/fuzz/fuzz.test.ts) runs each a fixed number of times; `npm run fuzz` (scripts/fuzz.ts)
 * for as long as it is asked to.
 */

const FORMATS = new Set(['rss', 'atom', 'jsonfeed', 'ninjs', 'newsml-g2']);

/** What parseWire may do with any input: refuse it with WireFormatError, or give items that keep to the schema and reasons for the rest. */
function parsedCleanly(input: Buffer | string): ParseResult | null {
  let result: ParseResult;
  try {
    result = parseWire(input);
  } catch (error) {
    if (error instanceof WireFormatError && error.message.length > 0) return null;
    throw error;
  }
  assert.ok(FORMATS.has(result.format), `format ${result.format}`);
  for (const item of result.items) {
    // Each item is what the schema makes of itself, with a body the sanitiser would leave as it is.
    assert.deepEqual(wireItemSchema.parse(item), item);
    assert.equal(sanitizeBody(item.bodyHtml), item.bodyHtml, 'the body is sanitised');
    assert.ok(!Number.isNaN(Date.parse(item.versionTime)), `versionTime ${item.versionTime}`);
    if (item.embargo !== null) assert.ok(!Number.isNaN(Date.parse(item.embargo)), `embargo ${item.embargo}`);
  }
  for (const r of result.rejected) {
    assert.ok(Number.isInteger(r.index) && r.index >= 0, `index ${r.index}`);
    assert.ok(typeof r.reason === 'string' && r.reason.length > 0, 'a reason');
  }
  return result;
}

const randomWireInput = fc.oneof(
  { weight: 3, arbitrary: randomXmlDocument },
  { weight: 2, arbitrary: fc.array(randomNinjsValue, { maxLength: 4 }).map((items) => JSON.stringify(items)) },
  { weight: 1, arbitrary: randomNinjsValue.map((v) => JSON.stringify(v) ?? 'null') },
  {
    weight: 2,
    arbitrary: fc
      .array(randomJsonFeedValue, { maxLength: 4 })
      .map((items) => JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'T', items })),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)) },
);

const baselines = new Map<WireDoc, ParseResult>();
const baselineOf = (doc: WireDoc) => {
  if (!baselines.has(doc)) baselines.set(doc, parseWire(render(doc)));
  return baselines.get(doc)!;
};

const wireTargets: FuzzTarget[] = [
  target({
    name: 'wire-random',
    about:
      "random XML under the formats' roots and vocabulary, random ninjs and JSON Feed values, random text and bytes: parsed or refused with WireFormatError, items always keep to the schema",
    boundMs: 500,
    testRuns: 400,
    arbitrary: randomWireInput,
    check: (input) => void parsedCleanly(input),
  }),
  target({
    name: 'wire-mutated',
    about:
      'demo documents of every variant with items removed, repeated or replaced, then bytes flipped, cut, deleted or inserted (DOCTYPE, entities, NUL, huge attributes, deep nesting), or re-encoded: parsed or refused cleanly',
    boundMs: 1000,
    testRuns: 400,
    arbitrary: mutatedDocument(3),
    check: (m) => void parsedCleanly(mutatedBytes(m)),
  }),
  target({
    name: 'wire-one-bad-item',
    about: 'a demo document with one item replaced by random well-formed content: the document is read, and every other item comes out as it did before',
    boundMs: 1000,
    testRuns: 250,
    arbitrary: fc.integer({ min: 0, max: wireCorpus().length - 1 }).chain((doc) =>
      fc.record({
        doc: fc.constant(doc),
        variant: fc.constant(wireCorpus()[doc]!.variant),
        index: fc.nat({ max: wireCorpus()[doc]!.items.length - 1 }),
        item: randomItemFor(wireCorpus()[doc]!),
      }),
    ),
    check: ({ doc: n, index, item }) => {
      const doc = wireCorpus()[n]!;
      const baseline = baselineOf(doc);
      assert.equal(baseline.rejected.length, 0, 'the demo document reads whole');
      const items = [...doc.items] as unknown[];
      items[index] = item;
      const result = parsedCleanly(render({ ...doc, items } as WireDoc));
      assert.ok(result, 'a well-formed document with one bad item is not refused whole');
      assert.equal(result.items.length + result.rejected.length, doc.items.length, 'every item is either taken or rejected with its reason');
      baseline.items.forEach((expected, i) => {
        if (i !== index)
          assert.ok(
            result.items.some((got) => JSON.stringify(got) === JSON.stringify(expected)),
            `item ${i} (${expected.itemId}) comes out as before`,
          );
      });
    },
  }),
];

const sanitiserTargets: FuzzTarget[] = [
  target({
    name: 'sanitiser',
    about:
      'random HTML from the pieces attacks use (script, event handlers, javascript:/data: addresses with entities and whitespace, foreign frames, SVG/MathML, broken markup): the output has nothing executable (read with htmlparser2) and sanitising it again changes nothing',
    boundMs: 300,
    testRuns: 1500,
    arbitrary: randomHtml,
    check: (html) => {
      const clean = sanitizeBody(html);
      assert.deepEqual(unsafeParts(clean), [], `sanitised: ${clean}`);
      assert.equal(sanitizeBody(clean), clean, 'idempotent');
      assert.equal(typeof textOf(html), 'string');
    },
  }),
];

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** The most an id may be: PostgreSQL's `integer`, which the ids are on both databases. */
const MAX_ID = 2_147_483_647;

/** Text that is nearly a cursor: our encoding of odd times and ids. */
const cursorLike = fc
  .tuple(
    fc.oneof(
      fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }).map((d) => d.toISOString()),
      fc.constantFrom(
        '2026-02-30T00:00:00.000Z',
        '2026-01-01T24:00:00.000Z',
        '0000-01-01T00:00:00.000Z',
        '2026-13-01T00:00:00.000Z',
        '2026-11-02T05:00:00Z',
        '2026-11-02',
        '',
        '2026-11-02T05:00:00.000+01:00',
      ),
      fc.string({ maxLength: 30 }),
    ),
    fc.oneof(
      fc.nat().map(String),
      fc.constantFrom('0', '2147483647', '2147483648', '999999999999999', '1e3', '-1', '', '01', ' 1'),
      fc.string({ maxLength: 16 }),
    ),
    fc.constantFrom('', '|', '|x'),
  )
  .map(([at, id, extra]) => Buffer.from(`${at}|${id}${extra}`).toString('base64url'));

const cursorTargets: FuzzTarget[] = [
  target({
    name: 'cursors',
    about:
      'cursors the site writes decode to themselves; any text (random, base64, near-cursors with odd times and ids) decodes to a cursor with a real UTC time and an id in range, or to null',
    boundMs: 50,
    testRuns: 3000,
    arbitrary: fc.oneof(
      fc.record({
        valid: fc.record({
          at: fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }).map((d) => d.toISOString()),
          id: fc.integer({ min: 1, max: MAX_ID }),
        }),
      }),
      fc.record({
        text: fc.oneof(cursorLike, fc.string({ maxLength: 120 }), fc.base64String({ maxLength: 110 }), fc.string({ unit: 'binary', maxLength: 60 })),
      }),
    ),
    check: (value) => {
      if ('valid' in value) return assert.deepEqual(decodeCursor(encodeCursor(value.valid)), { ...value.valid });
      const cursor = decodeCursor(value.text);
      if (cursor === null) return;
      assert.match(cursor.at, ISO_UTC);
      assert.equal(new Date(cursor.at).toISOString(), cursor.at, 'a real time, written the one way');
      assert.ok(Number.isSafeInteger(cursor.id) && cursor.id >= 0 && cursor.id <= MAX_ID, `id ${cursor.id}`);
      assert.deepEqual(decodeCursor(encodeCursor(cursor)), cursor);
    },
  }),
];

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const slugText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 120 }),
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc
    .array(
      fc.constantFrom(
        'Côte',
        "d'Ivoire",
        '’s',
        '--',
        '-',
        ' ',
        '&',
        'Ünïcödé',
        'राहुल',
        '王伟',
        '🙂',
        '\u0000',
        'ß',
        'ﬁ',
        'İ',
        'x'.repeat(30),
        '.',
        '/',
        '?',
        '#',
      ),
      { maxLength: 30 },
    )
    .map((p) => p.join('')),
);

const slugTargets: FuzzTarget[] = [
  target({
    name: 'slugs',
    about:
      'any text (unicode, punctuation, very long): the slug is lower-case ASCII words joined by single hyphens, at most the length asked for, and its own slug',
    boundMs: 100,
    testRuns: 2000,
    arbitrary: fc.record({ text: slugText, max: fc.constantFrom(80, 80, 60, 40, 25) }),
    check: ({ text, max }) => {
      const slug = slugOf(text, max);
      assert.match(slug, SLUG);
      assert.ok(slug.length <= max, `${slug.length} > ${max}`);
      assert.equal(slugOf(slug, max), slug, 'idempotent');
      const author = authorSlugOf(text);
      assert.match(author, SLUG);
      assert.ok(author.length <= 80);
    },
  }),
];

const queryText = fc.oneof(
  fc.string({ maxLength: 250 }),
  fc.string({ unit: 'binary', maxLength: 250 }),
  fc
    .array(
      fc.constantFrom(
        'solar',
        'water',
        'health',
        'OR',
        'or',
        'AND',
        'NOT',
        'NEAR',
        'NEAR(a b)',
        '-',
        '-water',
        '"',
        '"mini grid"',
        '-"x y"',
        '*',
        '^',
        ':',
        'col:x',
        '(',
        ')',
        '{',
        '}',
        "'",
        '\\',
        '\u0000',
        '⟦',
        '⟧',
        '🙂',
        'é',
        'Ω',
        '٣',
        '  ',
        '\t',
        '&',
        '|',
        '!',
        '<mark>',
        '%',
        '_',
        '$1',
        ';',
        '--',
      ),
      { maxLength: 40 },
    )
    .map((p) => p.join(' ')),
  fc.constant('water '.repeat(100)),
);

const searchTargets: FuzzTarget[] = [
  target({
    name: 'search-query',
    about:
      'any text: the query parser gives at most 16 terms, each with a letter or digit, OR only between two wanted terms, a problem exactly when nothing is wanted, and FTS5 and websearch forms without throwing',
    boundMs: 50,
    testRuns: 3000,
    arbitrary: queryText,
    check: (text) => {
      const q = parseQuery(text);
      const terms = q.tokens.filter((t) => t.type === 'term');
      assert.ok(terms.length <= 16);
      for (const t of terms) assert.match(t.text, /[\p{L}\p{N}]/u);
      q.tokens.forEach((t, i) => {
        if (t.type !== 'or') return;
        const [before, after] = [q.tokens[i - 1], q.tokens[i + 1]];
        assert.ok(before?.type === 'term' && !before.negated && after?.type === 'term' && !after.negated, 'OR between two wanted terms');
      });
      assert.equal(
        q.problem === null,
        terms.some((t) => !t.negated),
      );
      assert.equal(typeof toFts5(q), 'string');
      assert.equal(typeof toWebsearch(q), 'string');
    },
  }),
  target({
    name: 'search-database',
    about:
      'any query text with any filters and page, searched on a small real database: answers without error, at most a page of hits, highlighting that is escaped text with <mark> only',
    boundMs: 3000,
    testRuns: 150,
    database: true,
    arbitrary: fc.record({
      q: queryText,
      kind: fc.constantFrom(undefined, 'news', 'opinion', 'shot'),
      sector: fc.constantFrom(undefined, 'health', 'energy', 'no-such-sector'),
      edition: fc.constantFrom(undefined, 'global', 'south-asia'),
      country: fc.constantFrom(undefined, 'in', 'IN', 'ke', 'zz'),
      page: fc.oneof(fc.integer({ min: -5, max: 60 }), fc.constantFrom(Number.NaN, Infinity, 1e12)),
    }),
    check: async ({ q, page, ...filters }, ctx) => {
      const result = await searchArticles(ctx!.db, q, filters as Parameters<typeof searchArticles>[2], page);
      assert.ok(result.hits.length <= 20);
      assert.ok(result.page >= 1 && result.page <= 50);
      for (const hit of result.hits) {
        for (const html of [hit.headlineHtml, hit.snippetHtml]) assert.doesNotMatch(html.replace(/<\/?mark>/g, ''), /[<>]/, html);
      }
    },
  }),
];

/** Every target, in the order they run. */
export const fuzzTargets: FuzzTarget[] = [...wireTargets, ...sanitiserTargets, ...cursorTargets, ...slugTargets, ...searchTargets, ...formTargets];

/**
 * The form targets without NUL bytes (`form-…-no-nul`): what the suite runs on PostgreSQL while
 * finding F8 (NUL bytes in form fields give 500 there) is open; `npm run fuzz -- --target` runs them by name.
 */
export const noNulFormTargets: FuzzTarget[] = formTargetsWith(false);

export const targetNamed = (name: string): FuzzTarget | undefined => [...fuzzTargets, ...noNulFormTargets].find((t) => t.name === name);
