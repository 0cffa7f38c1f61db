import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, it } from 'node:test';
import { getArticle, listRevisions } from '../../src/content/articles.js';
import type { Store } from '../../src/db/connect.js';
import { ingestWireItem } from '../../src/wire/ingest.js';
import { parseWire } from '../../src/wire/parse.js';
import { runCli } from '../helpers/cli.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { testActor } from '../helpers/fixtures.js';
import { publishArticle } from '../../src/content/lifecycle.js';
import { openSuite } from '../helpers/suite.js';

const ninjs = (id: string, version: number, headline: string, pubstatus = 'usable') =>
  JSON.stringify({
    uri: id,
    version,
    versioncreated: `2026-11-29T0${version}:00:00Z`,
    pubstatus,
    headline,
    body_html: `<p>${headline} body.</p>`,
    located: [{ name: 'Kathmandu', countrycode: 'NP' }],
  });

const item = (id: string, version: number, headline: string, pubstatus = 'usable') =>
  parseWire(ninjs(id, version, headline, pubstatus), { agency: 'Lighthouse Newswire' }).items[0]!;

async function storyOf(store: Store, itemId: string) {
  const row = await store.db.selectFrom('wire_items').select('article_id').where('item_id', '=', itemId).orderBy('version', 'desc').executeTakeFirstOrThrow();
  return (await getArticle(store.db, row.article_id!))!;
}

describeEachDatabase('wire ingest', (testDb) => {
  let store: Store;
  before(async () => {
    ({ store } = await openSuite(testDb));
  });

  it('turns a new item into a draft in the inbox, with its source and dateline country', async () => {
    assert.equal(await ingestWireItem(store.db, item('lhn:1', 1, 'Bridge Opens')), 'new');
    const story = await storyOf(store, 'lhn:1');
    assert.equal(story.status, 'draft');
    assert.deepEqual(story.sources, [{ agency: 'Lighthouse Newswire', itemId: 'lhn:1', version: 1 }]);
    assert.deepEqual(story.countries, ['NP']);
    assert.equal(story.datelineCity, 'Kathmandu');
  });

  it('ignores the same version again and older versions: nothing changes', async () => {
    assert.equal(await ingestWireItem(store.db, item('lhn:20', 2, 'Dam Survey Begins')), 'new');
    const before = await storyOf(store, 'lhn:20');
    assert.equal(await ingestWireItem(store.db, item('lhn:20', 2, 'Dam Survey Begins Again?')), 'ignored');
    assert.equal(await ingestWireItem(store.db, item('lhn:20', 1, 'Dam Survey Planned')), 'ignored');
    assert.deepEqual(await storyOf(store, 'lhn:20'), before);
  });

  it('a newer version updates the published story: a revision and a new Updated time', async () => {
    assert.equal(await ingestWireItem(store.db, item('lhn:30', 1, 'Hospital Wing Completed')), 'new');
    const story = await storyOf(store, 'lhn:30');
    await publishArticle(store.db, story.id, { actor: testActor('editor'), now: '2026-11-29T01:30:00.000Z' });
    assert.equal(await ingestWireItem(store.db, item('lhn:30', 3, 'Hospital Wing Completed Early'), { now: '2026-11-29T03:10:00.000Z' }), 'updated');
    const updated = await storyOf(store, 'lhn:30');
    assert.equal(updated.headline, 'Hospital Wing Completed Early');
    assert.equal(updated.status, 'published');
    assert.equal(updated.updatedAt, '2026-11-29T03:10:00.000Z');
    assert.deepEqual(updated.sources, [{ agency: 'Lighthouse Newswire', itemId: 'lhn:30', version: 3 }]);
    assert.equal((await listRevisions(store.db, updated.id))[0]!.summary, 'Lighthouse Newswire version 3');
    assert.equal(await ingestWireItem(store.db, item('lhn:30', 2, 'Stale Version')), 'ignored');
  });

  it('a canceled item kills its published story: gone for good, and later versions cannot bring it back', async () => {
    assert.equal(await ingestWireItem(store.db, item('lhn:40', 1, 'Orchard Harvest Record')), 'new');
    await publishArticle(store.db, (await storyOf(store, 'lhn:40')).id, { actor: testActor('editor'), now: '2026-11-29T01:30:00.000Z' });
    assert.equal(await ingestWireItem(store.db, item('lhn:40', 4, 'Orchard Harvest Record Confirmed', 'canceled')), 'canceled');
    const killed = await storyOf(store, 'lhn:40');
    assert.equal(killed.status, 'killed');
    assert.match(killed.statusReason, /Lighthouse Newswire canceled lhn:40/);
    assert.equal(await ingestWireItem(store.db, item('lhn:40', 5, 'Orchard Harvest Record Reinstated')), 'ignored');
    assert.equal((await storyOf(store, 'lhn:40')).status, 'killed');
  });

  it('a withheld item is kept from publication', async () => {
    assert.equal(await ingestWireItem(store.db, item('lhn:2', 1, 'Embargoed Report', 'withheld')), 'withheld');
    assert.equal((await storyOf(store, 'lhn:2')).status, 'draft');
  });

  it('wiredesk ingest reads a folder, goes on past bad files, and sums up as JSON; a second run changes nothing', async () => {
    const folder = path.join(testDb.dataDir, 'drop');
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'a.json'), ninjs('cw:10', 1, 'Port Expands'));
    fs.writeFileSync(path.join(folder, 'b.json'), ninjs('cw:11', 1, 'Rail Study Published'));
    fs.writeFileSync(path.join(folder, 'c.xml'), '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><rss/>');
    fs.writeFileSync(path.join(folder, 'd.json'), '{"uri": "cw:12", "version": 1}');
    const first = await runCli(['ingest', folder, '--source', 'Continental Wire', '--json'], testDb.env);
    // Two documents rejected, the rest taken: exit code 3.
    assert.equal(first.code, 3, first.stderr);
    const summary = JSON.parse(first.stdout);
    assert.equal(summary.new, 2);
    assert.equal(summary.rejected.length, 2);
    assert.match(summary.rejected.find((r: { file: string }) => r.file.endsWith('c.xml')).reason, /DOCTYPE/);
    assert.match(summary.rejected.find((r: { file: string }) => r.file.endsWith('d.json')).reason, /headline/);
    const second = JSON.parse((await runCli(['ingest', folder, '--source', 'Continental Wire', '--json'], testDb.env)).stdout);
    assert.equal(second.new, 0);
    assert.equal(second.ignored, 2);
    const text = await runCli(['ingest', path.join(folder, 'missing.xml')], testDb.env);
    assert.match(text.stdout, /rejected 1\.[\s\S]*no such file or folder/);
  });

  it('wiredesk ingest exits 0 when nothing was rejected, 1 when every document was, 3 when some were', async () => {
    const folder = path.join(testDb.dataDir, 'exit-codes');
    fs.mkdirSync(path.join(folder, 'bad'), { recursive: true });
    fs.mkdirSync(path.join(folder, 'good'), { recursive: true });
    fs.writeFileSync(path.join(folder, 'bad', 'a.xml'), '<?xml version="1.0"?><rss><channel><item><title>Cut off');
    fs.writeFileSync(path.join(folder, 'bad', 'b.json'), '{"uri": "cw:x1", "version": 1}');
    fs.writeFileSync(path.join(folder, 'good', 'c.json'), ninjs('cw:x2', 1, 'Harbour Dredging Finished'));

    const none = await runCli(['ingest', path.join(folder, 'bad')], testDb.env);
    assert.equal(none.code, 1, none.stderr);
    assert.match(none.stdout, /New 0, .* rejected 2\./);
    assert.match(none.stderr, /nothing was taken: every document \(or item\) was rejected/);
    const missing = await runCli(['ingest', path.join(folder, 'no-such-folder'), '--json'], testDb.env);
    assert.equal(missing.code, 1);
    assert.equal(JSON.parse(missing.stdout).rejected[0].reason, 'no such file or folder');

    const some = await runCli(['ingest', path.join(folder, 'bad'), path.join(folder, 'good'), '--json'], testDb.env);
    assert.equal(some.code, 3, some.stderr);
    assert.equal(JSON.parse(some.stdout).new, 1);
    assert.match(some.stderr, /2 rejected; the rest was taken/);

    // Nothing rejected (the good file again: its item is ignored as a version already stored).
    const clean = await runCli(['ingest', path.join(folder, 'good'), '--json'], testDb.env);
    assert.equal(clean.code, 0, clean.stderr);
    assert.equal(clean.stderr, '');
    assert.equal(JSON.parse(clean.stdout).ignored, 1);
  });
});
