import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { decodeCursor, encodeCursor } from '../../src/content/cursor.js';
import { sanitizeBody } from '../../src/content/html.js';
import { WireFormatError } from '../../src/wire/item.js';
import { parseWire } from '../../src/wire/parse.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { fuzzContext } from './context.js';

/* The counterexamples the fuzz targets found (test/fuzz/targets.ts), each kept as a test. */

const cursorText = (raw: string) => Buffer.from(raw).toString('base64url');

describe('found by fuzzing: wire parsers', () => {
  it('rejects a JSON Feed item that is null, a number or a list, and keeps the others (wire-random: {"items":[null]} threw a TypeError)', () => {
    const feed = {
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Wire',
      items: [null, { id: 'a1', title: 'A good item', content_text: 'Text.' }, 7, ['x']],
    };
    const result = parseWire(JSON.stringify(feed));
    assert.deepEqual(
      result.items.map((i) => i.itemId),
      ['a1'],
    );
    assert.deepEqual(
      result.rejected.map((r) => r.index),
      [0, 2, 3],
    );
  });

  it('reads ninjs with null among its subjects, bylines and renditions (wire-random: [{"subjects":[null]}] threw a TypeError)', () => {
    const item = {
      uri: 'urn:x:1',
      headline: 'Headline',
      body_html: '<p>Body.</p>',
      subjects: [null, { name: 'Health' }, 3, 'Water'],
      by: [null, { name: 'Jane Doe' }],
      associations: { pic: { type: 'picture', renditions: [null, { href: 'https://img.example/a.jpg' }] } },
    };
    const [parsed] = parseWire(JSON.stringify([item])).items;
    assert.deepEqual(parsed?.subjects, ['Health', 'Water']);
    assert.equal(parsed?.byline, 'Jane Doe');
    assert.equal(parsed?.images[0]?.url, 'https://img.example/a.jpg');
    assert.deepEqual(parseWire(JSON.stringify([{ ...item, subject: [null] }])).items[0]?.subjects, []);
  });

  it('refuses with WireFormatError an XML declaration that the validator passes and the parser does not (wire-mutated: encoding=#UTF-8" threw a plain Error)', () => {
    const rss =
      '<?xml version="1.0" encoding=#UTF-8"?>\n<rss version="2.0"><channel><title>T</title><item><guid>g1</guid><title>Head</title><description>Body</description></item></channel></rss>';
    assert.throws(
      () => parseWire(Buffer.from(rss)),
      (error) => error instanceof WireFormatError && /cannot be read/.test(error.message),
    );
  });
});

describe('found by fuzzing: the sanitiser', () => {
  it('gives output that sanitising again leaves as it is (sanitiser: dropped <object> left <tr><tr></tr></tr>, read as two rows the next time)', () => {
    const once = sanitizeBody('<embed><tr></embed><object><tr></tr></object>');
    assert.equal(sanitizeBody(once), once);
    assert.equal(once, '<tr></tr><tr></tr>');
  });
});

describe('found by fuzzing: cursors', () => {
  it('refuses times that Date.parse reads as another day, the year 0, and ids beyond an integer column', () => {
    assert.equal(decodeCursor(cursorText('2026-02-30T00:00:00.000Z|1')), null);
    assert.equal(decodeCursor(cursorText('2026-01-01T24:00:00.000Z|1')), null);
    assert.equal(decodeCursor(cursorText('0000-01-01T00:00:00.000Z|1')), null);
    assert.equal(decodeCursor(cursorText('2026-11-01T00:00:00.000Z|2147483648')), null);
    assert.equal(decodeCursor(cursorText('2026-11-01T00:00:00.000Z|999999999999999')), null);
    const edge = { at: '2026-11-01T00:00:00.000Z', id: 2_147_483_647 };
    assert.deepEqual(decodeCursor(encodeCursor(edge)), edge);
  });
});

describeEachDatabase('found by fuzzing: routes', (testDb) => {
  let app: FastifyInstance;
  before(async () => {
    ({ app } = await fuzzContext(testDb));
  });
  after(() => app.close());

  it('answers listings with impossible cursors as the first page, not 500 (listing-cursors: PostgreSQL refused Feb 30 and id 2147483648)', async () => {
    const first = await app.inject('/latest');
    for (const raw of ['2026-02-30T00:00:00.000Z|1', '0000-01-01T00:00:00.000Z|1', '2026-11-01T00:00:00.000Z|2147483648']) {
      const res = await app.inject(`/latest?before=${cursorText(raw)}`);
      assert.equal(res.statusCode, 200, raw);
      assert.equal(res.body, first.body, raw);
    }
  });

  it('answers a multipart POST to a newsroom route that takes no files with 415 unread, not 500 (form-sign-in: multipart/form-data without its parts)', async () => {
    for (const type of ['multipart/form-data; boundary=x', 'multipart/form-data']) {
      const res = await app.inject({ method: 'POST', url: '/newsroom/sign-in', payload: 'email=reader%40example.org', headers: { 'content-type': type } });
      assert.equal(res.statusCode, 415, type);
    }
  });
});
