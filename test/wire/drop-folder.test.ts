import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { getArticle } from '../../src/content/articles.js';
import { updateSiteSettings } from '../../src/content/settings.js';
import type { Store } from '../../src/db/connect.js';
import { articlePath } from '../../src/presentation/urls.js';
import { SETTLE_MS, scanDropFolder } from '../../src/wire/drop-folder.js';
import { addSource, findSourceByName } from '../../src/wire/sources.js';
import { startDropFolderWatcher } from '../../src/wire/watcher.js';
import { runCli } from '../helpers/cli.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { testActor } from '../helpers/fixtures.js';
import { openSuite } from '../helpers/suite.js';

const ninjs = (id: string, headline: string, body = `${headline}.`) =>
  JSON.stringify({ uri: id, version: 1, versioncreated: '2026-11-29T05:00:00Z', headline, body_html: `<p>${body}</p>` });

describeEachDatabase('wire sources and drop folders', (testDb) => {
  let store: Store;
  let app: FastifyInstance;
  const places = () => ({ dataDir: testDb.dataDir });
  /** A folder made for a source, in DATA_DIR's drop area (the desk never makes one). */
  const dropFolder = (name: string) => {
    const folder = path.join(testDb.dataDir, 'wire-drop', name);
    fs.mkdirSync(folder, { recursive: true });
    return folder;
  };
  before(async () => {
    ({ store, app } = await openSuite(testDb, { app: true }));
  });
  /** A Continental Wire source that publishes what passes its checks (global edition, energy), in a folder of its own. */
  const autoPublishSource = async (name: string) => {
    const folder = dropFolder(`${name}-drop`);
    const source = await addSource(
      store.db,
      { name, agency: 'Continental Wire', folder, rule: 'auto-publish', edition: 'global', sectors: ['energy'] },
      testActor(),
      { places: places() },
    );
    return { folder, source };
  };

  it('a source needs either a URL or a folder', async () => {
    await assert.rejects(addSource(store.db, { name: 'none', agency: 'X' }, testActor()), /either a URL to poll or a drop folder/);
    await assert.rejects(addSource(store.db, { name: 'both', agency: 'X', url: 'https://feeds.example/x', folder: '/tmp/x' }, testActor()), /either a URL/);
  });

  it('takes complete files, moves them to processed/ or failed/ with the reason, and leaves partial ones', async () => {
    const folder = dropFolder('inbox-drop');
    const source = await addSource(
      store.db,
      { name: 'Lighthouse inbox', agency: 'Lighthouse Newswire', folder, edition: 'south-asia', sectors: ['health'] },
      testActor(),
      { places: places() },
    );
    fs.writeFileSync(path.join(folder, 'good.json'), ninjs('lhn:d1', 'Clinic Opens in Hill District'));
    fs.writeFileSync(path.join(folder, 'bad.xml'), '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x/>');
    fs.writeFileSync(path.join(folder, 'copying.json.part'), '{"uri":');
    const later = Date.now() + SETTLE_MS + 1000;
    const { files } = await scanDropFolder(store.db, source, later, { places: places() });
    assert.equal(files, 2);
    assert.ok(fs.existsSync(path.join(folder, 'processed', 'good.json')));
    assert.ok(fs.existsSync(path.join(folder, 'failed', 'bad.xml')));
    assert.match(fs.readFileSync(path.join(folder, 'failed', 'bad.xml.error.txt'), 'utf8'), /DOCTYPE/);
    assert.ok(fs.existsSync(path.join(folder, 'copying.json.part')), 'a partial file is left alone');
    const row = await store.db.selectFrom('wire_items').select('article_id').where('item_id', '=', 'lhn:d1').executeTakeFirstOrThrow();
    const story = (await getArticle(store.db, row.article_id!))!;
    assert.equal(story.status, 'draft');
    assert.deepEqual(story.sectors, ['health']);
    const after = (await findSourceByName(store.db, 'Lighthouse inbox'))!;
    assert.equal(after.itemsTotal, 1);
    assert.match(after.lastError ?? '', /1 of 2 files had problems/);
  });

  it('does not take a file that is still being written', async () => {
    const folder = dropFolder('slow-drop');
    const source = await addSource(store.db, { name: 'slow', agency: 'Lighthouse Newswire', folder }, testActor(), { places: places() });
    fs.writeFileSync(path.join(folder, 'fresh.json'), ninjs('lhn:d2', 'Fresh Item'));
    assert.equal((await scanDropFolder(store.db, source, Date.now(), { places: places() })).files, 0);
    assert.equal((await scanDropFolder(store.db, source, Date.now() + SETTLE_MS + 1000, { places: places() })).files, 1);
  });

  it('an auto-publish source puts usable items on the site, saying they were not edited', async () => {
    const { folder, source } = await autoPublishSource('auto');
    fs.writeFileSync(
      path.join(folder, 'a.json'),
      ninjs(
        'cw:auto1',
        'Grid Upgrade Completed',
        'Engineers finished the grid upgrade two weeks ahead of the schedule agreed with the regional utility, which says the work will cut outages for about 40,000 households.',
      ),
    );
    await scanDropFolder(store.db, source, Date.now() + SETTLE_MS + 1000, { places: places() });
    const row = await store.db.selectFrom('wire_items').select('article_id').where('item_id', '=', 'cw:auto1').executeTakeFirstOrThrow();
    const story = (await getArticle(store.db, row.article_id!))!;
    assert.equal(story.status, 'published');
    const html = (await app.inject(articlePath(story))).body;
    assert.match(html, /published automatically from copy by Continental Wire; it has not been edited or reviewed by our staff/);
    assert.match(html, /\(With inputs from agencies\.\)/);
    await updateSiteSettings(store.db, { agencyCredit: 'names' }, testActor());
    assert.match((await app.inject(articlePath(story))).body, /\(With inputs from Continental Wire\.\)/);
    await updateSiteSettings(store.db, { agencyCredit: 'generic' }, testActor());
  });

  it('an auto-publish source sends an item that fails a check to the inbox, saying why', async () => {
    const { folder, source } = await autoPublishSource('auto-held');
    fs.writeFileSync(path.join(folder, 'flash.json'), ninjs('cw:flash1', 'Dam Breach Reported', 'Dam breach reported. More soon.'));
    await scanDropFolder(store.db, source, Date.now() + SETTLE_MS + 1000, { places: places() });
    const row = await store.db.selectFrom('wire_items').select(['article_id', 'held_reason']).where('item_id', '=', 'cw:flash1').executeTakeFirstOrThrow();
    assert.equal((await getArticle(store.db, row.article_id!))!.status, 'draft');
    assert.match(row.held_reason ?? '', /fewer than 20 words/);
  });

  it('wiredesk sources add and list', async () => {
    const folder = dropFolder('cli-drop');
    const added = await runCli(
      ['sources', 'add', '--name', 'cli', '--agency', 'Meridian News Agency', '--folder', folder, '--rule', 'auto-publish'],
      testDb.env,
    );
    assert.equal(added.code, 0, added.stderr);
    const list = JSON.parse((await runCli(['sources', 'list', '--json'], testDb.env)).stdout) as { name: string; rule: string; folder: string }[];
    const cli = list.find((s) => s.name === 'cli')!;
    assert.equal(cli.rule, 'auto-publish');
    assert.equal(cli.folder, folder);
    const bad = await runCli(['sources', 'add', '--name', 'x', '--agency', 'Y'], testDb.env);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /either a URL to poll or a drop folder/);
    assert.equal((await runCli(['sources', 'disable', 'cli'], testDb.env)).code, 0);
    const off = JSON.parse((await runCli(['sources', 'list', '--json'], testDb.env)).stdout) as { name: string; enabled: boolean }[];
    assert.equal(off.find((s) => s.name === 'cli')!.enabled, false);
    assert.equal((await runCli(['sources', 'remove', 'cli'], testDb.env)).code, 0);
    const missing = await runCli(['sources', 'remove', 'cli'], testDb.env);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no source named "cli"/);
    // The command's changes are audited, under the operating-system user.
    const audit = await store.db.selectFrom('audit_log').select(['action', 'actor']).where('subject', '=', 'source cli').orderBy('id').execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['source.add', 'source.disable', 'source.delete'],
    );
    assert.ok(audit.every((a) => a.actor.startsWith('cli:')));
  });

  it('a drop folder must exist already (the desk never makes one) and qualify; the CLI says why it refuses one', async () => {
    const missing = path.join(testDb.dataDir, 'wire-drop', 'never-made');
    await assert.rejects(
      addSource(store.db, { name: 'missing', agency: 'X', folder: missing }, testActor(), { places: places() }),
      /does not exist: create it for this source first/,
    );
    assert.equal(fs.existsSync(missing), false);
    await assert.rejects(
      addSource(store.db, { name: 'relative', agency: 'X', folder: 'drops/x' }, testActor(), { places: places() }),
      /must be an absolute path/,
    );
    await assert.rejects(
      addSource(store.db, { name: 'data', agency: 'X', folder: testDb.dataDir }, testActor(), { places: places() }),
      /in the data directory/,
    );
    const cli = await runCli(['sources', 'add', '--name', 'sys', '--agency', 'X', '--folder', '/usr/share'], testDb.env);
    assert.equal(cli.code, 1);
    assert.match(cli.stderr, /The drop folder \/usr\/share is a system folder \(\/usr\)/);
    const relative = await runCli(['sources', 'add', '--name', 'rel', '--agency', 'X', '--folder', 'data/wire-drop'], testDb.env);
    assert.equal(relative.code, 1);
    assert.match(relative.stderr, /must be an absolute path/);
    assert.equal(await findSourceByName(store.db, 'sys'), null);
  });

  it('takes only feed files: anything else in the folder stays where it is', async () => {
    const folder = dropFolder('mixed');
    const source = await addSource(store.db, { name: 'mixed', agency: 'Lighthouse Newswire', folder }, testActor(), { places: places() });
    fs.writeFileSync(path.join(folder, 'item.json'), ninjs('lhn:mixed1', 'Ferry Service Resumes'));
    for (const name of ['notes.txt', 'photo.jpg', 'wiredesk.db', 'README']) fs.writeFileSync(path.join(folder, name), 'not a feed');
    const { files } = await scanDropFolder(store.db, source, Date.now() + SETTLE_MS + 1000, { places: places() });
    assert.equal(files, 1);
    assert.deepEqual(fs.readdirSync(folder).sort(), ['README', 'notes.txt', 'photo.jpg', 'processed', 'wiredesk.db']);
    assert.deepEqual(fs.readdirSync(path.join(folder, 'processed')), ['item.json']);
  });

  it('a folder that no longer qualifies is not scanned: nothing is moved or made, and the source shows why (logged once)', async () => {
    const folder = dropFolder('moving');
    const source = await addSource(store.db, { name: 'moving', agency: 'Lighthouse Newswire', folder }, testActor(), { places: places() });
    const later = Date.now() + SETTLE_MS + 1000;
    // Gone: not made again.
    fs.rmSync(folder, { recursive: true });
    const gone = await scanDropFolder(store.db, source, later, { places: places() });
    assert.equal(gone.files, 0);
    assert.match(gone.refused!, /^Not scanned: The drop folder .* does not exist/);
    assert.equal(fs.existsSync(folder), false);
    assert.match((await findSourceByName(store.db, 'moving'))!.lastError!, /Not scanned: .*does not exist/);
    // Replaced by a link into the data directory, where a feed file lies: it stays there.
    const media = path.join(testDb.dataDir, 'media', 'feeds');
    fs.mkdirSync(media, { recursive: true });
    fs.writeFileSync(path.join(media, 'kept.json'), ninjs('lhn:kept', 'Not To Be Moved'));
    fs.symlinkSync(media, folder);
    const linked = await scanDropFolder(store.db, source, later, { places: places() });
    assert.match(linked.refused!, /in the data directory/);
    assert.deepEqual(fs.readdirSync(media), ['kept.json']);
    assert.equal(await store.db.selectFrom('wire_items').select('id').where('item_id', '=', 'lhn:kept').executeTakeFirst(), undefined);

    // The watcher skips it with an error logged once, when it starts (the sources screen keeps showing it).
    fs.rmSync(folder);
    fs.symlinkSync('/etc', folder);
    const errors: { reason?: string }[] = [];
    const log = { info: () => {}, error: (obj: object) => void errors.push(obj as { reason?: string }) };
    const watcher = startDropFolderWatcher(store.db, log, { places: places() }, 3_600_000);
    try {
      await watcher.tick();
      await watcher.tick();
    } finally {
      await watcher.stop();
    }
    const refusals = errors.filter((e) => /\(\/etc\) is a system folder/.test(e.reason ?? ''));
    assert.equal(refusals.length, 1, JSON.stringify(errors));
    assert.match((await findSourceByName(store.db, 'moving'))!.lastError!, /\(\/etc\) is a system folder/);
    assert.ok(!fs.existsSync('/etc/processed') && !fs.existsSync('/etc/failed'));
    fs.rmSync(folder);
  });
});
