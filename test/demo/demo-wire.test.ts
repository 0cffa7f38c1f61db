import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import type { Store } from '../../src/db/connect.js';
import { DEMO_WIRE_MANIFEST, generateDemoWire, type DemoWireManifest } from '../../src/demo/demo-wire.js';
import type { WireItem } from '../../src/wire/item.js';
import { parseWire } from '../../src/wire/parse.js';
import { runCli } from '../helpers/cli.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { openSuite } from '../helpers/suite.js';

const ITEMS = 400;
const key = (i: { agency: string; itemId: string }) => `${i.agency}|${i.itemId}`;
const numbers = (text: string) => [...text.matchAll(/\d[\d,.]*\d|\d/g)].map((m) => m[0]).sort();

describe('demo-wire stream', () => {
  const { files, manifest } = generateDemoWire({ items: ITEMS, seed: 11 });
  const parsed = files.map((file) => ({ file, text: file.render() })).map((f) => ({ ...f, result: parseWire(f.text) }));
  // Every item in the order ingest reads them (file names, then document order).
  const stream: WireItem[] = parsed.sort((a, b) => (a.file.name < b.file.name ? -1 : 1)).flatMap((p) => p.result.items);
  const byKey = new Map<string, WireItem[]>();
  for (const item of stream) byKey.set(key(item), [...(byKey.get(key(item)) ?? []), item]);

  it('credits every item to its own agency in every format, even through a source that names another', () => {
    const agencies = new Set(['Meridian News Agency', 'Equator Press Service', 'Continental Wire', 'Lighthouse Newswire']);
    for (const p of parsed) {
      const viaSource = parseWire(p.text, { agency: 'Some Other Agency' });
      assert.deepEqual(
        viaSource.items.map((i) => i.agency),
        p.result.items.map((i) => i.agency),
        p.file.name,
      );
      for (const item of viaSource.items) assert.ok(agencies.has(item.agency), `${p.file.name}: ${item.agency}`);
    }
  });

  it('gives the same files for the same seed and other files for another seed', () => {
    const again = generateDemoWire({ items: ITEMS, seed: 11 });
    assert.deepEqual(
      again.files.map((f) => [f.name, f.render()]),
      parsed.map((p) => [p.file.name, p.text]),
    );
    assert.deepEqual(again.manifest, manifest);
    const other = generateDemoWire({ items: ITEMS, seed: 12 }).files.map((f) => f.render());
    assert.notDeepEqual(
      other,
      parsed.map((p) => p.text),
    );
    // Another seed's stream shares no item id with this one: both can be ingested side by side.
    const otherIds = new Set(other.flatMap((text) => parseWire(text).items.map((i) => `${i.agency}\n${i.itemId}`)));
    assert.equal(stream.filter((i) => otherIds.has(key(i))).length, 0);
  });

  it('holds exactly the items asked for, in files of at most 200 in all five formats, each read with no item rejected', () => {
    assert.equal(stream.length, ITEMS);
    assert.equal(manifest.items, ITEMS);
    for (const { file, result } of parsed) {
      assert.equal(result.format, file.format, file.name);
      assert.deepEqual(result.rejected, [], file.name);
      assert.equal(result.items.length, file.items, file.name);
      assert.ok(file.items <= 200, file.name);
      assert.ok(file.name.includes(file.variant), file.name);
      assert.ok(
        result.items.every((i) => i.agency === file.agency),
        file.name,
      );
    }
    for (const format of ['rss', 'atom', 'jsonfeed', 'ninjs', 'newsml-g2'] as const) {
      const items = parsed.filter((p) => p.result.format === format).reduce((n, p) => n + p.result.items.length, 0);
      assert.ok(items > 0, format);
      assert.equal(manifest.formats[format].items, items, format);
    }
    // ninjs 1 and 2, NewsML-G2 with inline XHTML and with NITF bodies.
    for (const variant of ['ninjs1', 'ninjs2', 'newsml-g2', 'newsml-g2-nitf'] as const) assert.ok((manifest.variants[variant]?.items ?? 0) > 0, variant);
    assert.ok(parsed.some((p) => p.file.variant === 'ninjs1' && /"body_html"/.test(p.text) && !/"bodies"/.test(p.text)));
    assert.ok(parsed.some((p) => p.file.variant === 'newsml-g2-nitf' && p.text.includes('<body.head>')));
    assert.equal(Object.keys(manifest.agencies).length, 4);
  });

  it('sends later versions with changed text and later times, and sometimes an older version after a newer one', () => {
    const versioned = [...byKey.values()].filter((list) => new Set(list.map((i) => i.version)).size >= 3);
    assert.ok(versioned.length > 0);
    for (const list of versioned) {
      const [v1, v2, v3] = [1, 2, 3].map((v) => list.find((i) => i.version === v)!);
      assert.ok(v1!.versionTime < v2!.versionTime && v2!.versionTime < v3!.versionTime);
      assert.notEqual(v2!.bodyHtml, v1!.bodyHtml);
      assert.notEqual(v3!.bodyHtml, v2!.bodyHtml);
      assert.notEqual(v3!.headline, v1!.headline);
    }
    assert.equal(manifest.versions.itemsWithVersions, [...byKey.values()].filter((list) => new Set(list.map((i) => i.version)).size > 1).length);
    const late = [...byKey.values()].filter((list) => list.some((item, n) => list.slice(0, n).some((earlier) => earlier.version > item.version)));
    assert.ok(late.length > 0);
    assert.equal(late.length, manifest.versions.lateOlderVersions);
  });

  it('re-sends items with the same content under a new id, and repeats some unchanged', () => {
    assert.ok(manifest.resends.length > 0);
    for (const r of manifest.resends) {
      const [original, resend] = [byKey.get(key(r.of))![0]!, byKey.get(key(r))![0]!];
      assert.equal(resend.agency, original.agency);
      assert.notEqual(resend.itemId, original.itemId);
      assert.deepEqual([resend.headline, resend.standfirst, resend.bodyHtml], [original.headline, original.standfirst, original.bodyHtml]);
    }
    assert.ok(manifest.repeats > 0);
  });

  it('has the same events from a second agency, worded differently with the same facts', () => {
    assert.ok(manifest.duplicates.length > 0);
    for (const d of manifest.duplicates) {
      const [original, duplicate] = [byKey.get(key(d.of))![0]!, byKey.get(key(d))![0]!];
      assert.notEqual(duplicate.agency, original.agency);
      assert.notEqual(duplicate.headline, original.headline);
      assert.notEqual(duplicate.bodyHtml, original.bodyHtml);
      assert.deepEqual(numbers(duplicate.headline), numbers(original.headline), `${duplicate.headline} / ${original.headline}`);
      assert.deepEqual(numbers(duplicate.standfirst), numbers(original.standfirst));
    }
  });

  it('has withheld, canceled and embargoed items, datelines, subjects and pictures with credits', () => {
    assert.equal(stream.filter((i) => i.status === 'withheld').length, manifest.withheld);
    assert.equal(stream.filter((i) => i.status === 'canceled').length, manifest.canceled);
    assert.equal(stream.filter((i) => i.embargo !== null).length, manifest.embargoed);
    assert.ok(manifest.withheld > 0 && manifest.canceled > 0 && manifest.embargoed > 0);
    // Withheld under embargo first, released as a later usable version.
    assert.ok(
      [...byKey.values()].some(
        (list) => list[0]!.status === 'withheld' && list[0]!.embargo !== null && list.some((i) => i.version > 1 && i.status === 'usable'),
      ),
    );
    assert.ok(stream.every((i) => i.subjects.length > 0));
    assert.ok(stream.filter((i) => i.datelineCountry).length >= manifest.withDatelineCountry);
    assert.ok(
      stream.every((i) => /^<p>[^<]*\((MNA|EPS|CW|LHN)\) [–—] /.test(i.bodyHtml)),
      'every body opens with a dateline',
    );
    const credited = stream.filter((i) => i.images.some((img) => img.credit && img.url.startsWith('https://')));
    assert.ok(credited.length > 0);
    assert.ok(stream.filter((i) => i.images.length).length <= manifest.withImages);
  });
});

describeEachDatabase('demo-wire through wiredesk ingest', (testDb) => {
  let store: Store;
  before(async () => {
    ({ store } = await openSuite(testDb));
  });

  it('writes the stream and its manifest; ingest reports the figures the manifest expects, and a second run ignores everything', async () => {
    const dir = path.join(testDb.dataDir, 'stream');
    const written = await runCli(['demo-wire', '--items', '300', '--out', dir, '--seed', '5'], testDb.env);
    assert.equal(written.code, 0, written.stderr);
    assert.match(written.stdout, /Wrote 300 items in \d+ files/);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, DEMO_WIRE_MANIFEST), 'utf8')) as DemoWireManifest;
    assert.deepEqual(
      fs
        .readdirSync(dir)
        .filter((n) => !n.startsWith('.'))
        .sort(),
      manifest.files.map((f) => f.name).sort(),
    );

    const first = await runCli(['ingest', dir, '--json'], testDb.env);
    assert.equal(first.code, 0, first.stderr);
    const summary = JSON.parse(first.stdout);
    assert.deepEqual(summary.rejected, []);
    const e = manifest.expected;
    assert.deepEqual(
      { updated: summary.updated, ignored: summary.ignored, withheld: summary.withheld, canceled: summary.canceled },
      { updated: e.updated, ignored: e.ignored, withheld: e.withheld, canceled: e.canceled },
    );
    // Duplicates and re-sends are new stories or merged into one, as the desk's dedupe decides.
    assert.equal(summary.new + summary.merged, e.new);
    const rows = await store.db.selectFrom('wire_items').select(['agency', 'item_id']).execute();
    assert.equal(rows.length, e.wireItems);
    assert.equal(new Set(rows.map((r) => `${r.agency}|${r.item_id}`)).size, e.uniqueItems);

    const second = JSON.parse((await runCli(['ingest', dir, '--json'], testDb.env)).stdout);
    assert.deepEqual(second, { new: 0, updated: 0, merged: 0, ignored: 300, withheld: 0, canceled: 0, rejected: [] });

    const again = await runCli(['demo-wire', '--items', '10', '--out', dir], testDb.env);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /not empty/);
  });
});
