import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { before, it } from 'node:test';
import { listAudit } from '../../src/content/audit.js';
import { referenceEditions, referenceSectors } from '../../src/content/reference-taxonomy.js';
import { getSiteSettings } from '../../src/content/settings.js';
import { listEditions, listSectors } from '../../src/content/taxonomy.js';
import { verifyPassword } from '../../src/content/users.js';
import { repoRoot, runCli, wiredeskBin } from '../helpers/cli.js';
import { describeEachDatabase } from '../helpers/databases.js';

/*
 * `wiredesk init` as an operator runs it, in a child process: on a new production database it
 * sets up the reference taxonomy, the site's name and URL and the first admin; a second run and
 * bad input are refused with one line and leave the database as it was; and afterwards the wire
 * desk takes agency copy (before, every item was refused for want of an edition).
 */

const PASSWORD = 'correct horse battery staple';
/** Three agency items (no pictures to fetch) about countries of three regional editions. */
const wireFeed = path.join(repoRoot, 'test/fixtures/wire-first-day/meridian.rss');

function assertOneLineError(stderr: string, pattern: RegExp) {
  const lines = stderr.trim().split('\n');
  assert.equal(lines.length, 1, `expected one line, got:\n${stderr}`);
  assert.match(lines[0]!, pattern);
  assert.doesNotMatch(stderr, /\n\s+at /);
}

/** Runs `wiredesk serve` (no --demo) until `fn` is done with its URL, then stops it with SIGTERM. */
async function withServer(env: Record<string, string>, fn: (url: string, stdout: () => string) => Promise<void>): Promise<void> {
  const child = spawn(process.execPath, [wiredeskBin, 'serve'], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', ...env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed; stdout: ${stdout} stderr: ${stderr}`)), 60_000);
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const match = /Wiredesk is serving (http:\/\/\S+)/.exec(stdout);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      child.on('exit', (code) => reject(new Error(`exited with ${code}: ${stderr}`)));
    });
    await fn(url, () => stdout);
  } finally {
    child.kill('SIGTERM');
  }
  assert.equal(await exit, 0, stderr);
}

describeEachDatabase('wiredesk init', (testDb) => {
  const run = (args: string[], input?: string) => runCli(args, testDb.env, input);
  const stats = async () =>
    JSON.parse((await run(['stats', '--json'])).stdout) as { sectors: number; editions: number; users: number; articles: { byStatus: Record<string, number> } };
  let passwordFile: string;
  const init = (extra: string[] = [], file = passwordFile) =>
    run([
      'init',
      '--site-name',
      'The Daily Development',
      '--site-url',
      'https://news.example.org/',
      '--admin-email',
      'Editor@Example.org',
      '--admin-name',
      'Ed Itor',
      '--password-file',
      file,
      ...extra,
    ]);

  before(async () => {
    passwordFile = path.join(testDb.dataDir, 'admin-password.txt');
    fs.writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  });

  it('before init a new database has no editions, so ingest refuses every item', async () => {
    const ingest = await run(['ingest', wireFeed, '--json']);
    assert.equal(ingest.code, 1, ingest.stderr);
    const summary = JSON.parse(ingest.stdout) as { new: number; rejected: { reason: string }[] };
    assert.equal(summary.new, 0);
    assert.equal(summary.rejected.length, 3);
    for (const r of summary.rejected) assert.match(r.reason, /No edition exists yet/);
  });

  it('serve without --demo on a site without users offers the first-run form', async () => {
    await withServer(testDb.env, async (url, stdout) => {
      const newsroom = await fetch(`${url}/newsroom`, { redirect: 'manual' });
      assert.equal(newsroom.status, 303);
      assert.equal(newsroom.headers.get('location'), '/newsroom/set-up');
      assert.match(await (await fetch(`${url}/newsroom/set-up`)).text(), /Set up this site/);
      for (let i = 0; i < 100 && !/No newsroom users yet/.test(stdout()); i++) await new Promise((r) => setTimeout(r, 50));
      assert.match(stdout(), /No newsroom users yet: set the site up at http:\/\/\S+\/newsroom, or with wiredesk init\./);
    });
  });

  it('bad input is refused with one line naming each problem, and nothing is set up', async () => {
    const cases: [string[], RegExp][] = [
      [['--site-url', 'ftp://news.example.org'], /site URL: the site URL must be an absolute http or https address/],
      [['--site-url', 'news.example.org'], /site URL: /],
      [['--admin-email', 'not-an-address'], /admin email: not an email address/],
      [['--site-name', '   '], /site name: give the site a name/],
    ];
    for (const [options, message] of cases) {
      const refused = await init(options);
      assert.equal(refused.code, 1, options.join(' '));
      assertOneLineError(refused.stderr, message);
      assert.match(refused.stderr, /^wiredesk: The site was not set up: /);
    }
    const short = path.join(testDb.dataDir, 'short.txt');
    fs.writeFileSync(short, 'too short\n');
    const weak = await init([], short);
    assert.equal(weak.code, 1);
    assertOneLineError(weak.stderr, /password: the password needs at least 12 characters/);
    const missing = await init([], path.join(testDb.dataDir, 'no-such-file'));
    assert.equal(missing.code, 1);
    assertOneLineError(missing.stderr, /Cannot read the password file .*no-such-file: ENOENT/);
    const noFile = await run(['init', '--site-name', 'X', '--site-url', 'https://x.example', '--admin-email', 'x@x.example'], '');
    assert.equal(noFile.code, 1);
    assertOneLineError(noFile.stderr, /No password on standard input/);

    const after = await stats();
    assert.deepEqual([after.sectors, after.editions, after.users], [0, 0, 0]);
    const store = await testDb.open();
    assert.equal((await getSiteSettings(store.db)).siteName, 'Wiredesk', 'the settings are untouched');
    assert.equal((await listAudit(store.db, { action: 'site.set-up' })).length, 0);
  });

  it('sets up the reference taxonomy, the site name and URL and the first admin, audited', async () => {
    const done = await init();
    assert.equal(done.code, 0, done.stderr);
    assert.match(done.stdout, /Set up "The Daily Development": 15 sectors, 12 editions, admin editor@example\.org/);
    const store = await testDb.open();
    const editions = await listEditions(store.db);
    assert.deepEqual(
      editions.map((e) => [e.slug, e.timeZone, e.isDefault]),
      referenceEditions.map((e) => [e.slug, e.timeZone, Boolean(e.isDefault)]),
    );
    assert.deepEqual(
      (await listSectors(store.db)).map((s) => s.name),
      referenceSectors.map((s) => s.name),
    );
    const settings = await getSiteSettings(store.db);
    assert.equal(settings.siteName, 'The Daily Development');
    assert.equal(settings.publisherName, 'The Daily Development');
    assert.equal(settings.siteUrl, 'https://news.example.org');
    const admin = await verifyPassword(store.db, 'editor@example.org', PASSWORD);
    assert.ok(admin, 'the admin signs in with the password from the file');
    assert.equal(admin.role, 'admin');
    assert.equal(admin.displayName, 'Ed Itor');
    const [entry] = await listAudit(store.db, { action: 'site.set-up' });
    assert.ok(entry);
    assert.match(entry.actor, /^cli:/);
    assert.match(entry.detail, /15 sectors, 12 editions, first admin user \d+: editor@example\.org/);
    assert.equal((await listAudit(store.db, { action: 'user.create' })).length, 1);
    const countries = await store.db.selectFrom('countries').select(['code', 'edition_id']).where('code', 'in', ['IN', 'KE', 'BR']).execute();
    assert.ok(
      countries.every((c) => c.edition_id !== null),
      'countries are filed under their editions',
    );
  });

  it('a second init is refused with a clear line and changes nothing', async () => {
    const store = await testDb.open();
    const before = { stats: await stats(), settings: await getSiteSettings(store.db), audit: (await listAudit(store.db, { limit: 200 })).length };
    const again = await run([
      'init',
      '--site-name',
      'Another',
      '--site-url',
      'https://other.example',
      '--admin-email',
      'other@example.org',
      '--password-file',
      passwordFile,
    ]);
    assert.equal(again.code, 1);
    assertOneLineError(again.stderr, /^wiredesk: This site is set up already: it has newsroom users\. Nothing was changed/);
    assert.deepEqual(await stats(), before.stats);
    assert.deepEqual(await getSiteSettings(store.db), before.settings);
    assert.equal((await listAudit(store.db, { limit: 200 })).length, before.audit);
    assert.equal(await verifyPassword(store.db, 'other@example.org', PASSWORD), null);
  });

  it('after init, ingest takes the agency items as drafts', async () => {
    const ingest = await run(['ingest', wireFeed, '--json']);
    assert.equal(ingest.code, 0, ingest.stderr);
    const summary = JSON.parse(ingest.stdout) as { new: number; rejected: { reason: string }[] };
    assert.equal(summary.new, 3, ingest.stdout);
    assert.deepEqual(summary.rejected, []);
    assert.equal((await stats()).articles.byStatus.draft, 3);
    // Each story is filed under its country's regional edition.
    const store = await testDb.open();
    const editions = await store.db
      .selectFrom('articles')
      .innerJoin('editions', 'editions.id', 'articles.edition_id')
      .select('editions.slug')
      .orderBy('articles.id')
      .execute();
    assert.deepEqual(
      editions.map((e) => e.slug),
      ['east-africa', 'latin-america-caribbean', 'south-asia'],
    );
  });

  it('the server uses the URL init recorded, unless SITE_URL is set', async () => {
    await withServer(testDb.env, async (url) => {
      assert.match(await (await fetch(url)).text(), /href="https:\/\/news\.example\.org\/rss\.xml"/);
      assert.equal((await fetch(`${url}/newsroom/set-up`)).status, 404, 'no first-run form on a site set up');
    });
    await withServer({ ...testDb.env, SITE_URL: 'https://elsewhere.example.net' }, async (url) => {
      const home = await (await fetch(url)).text();
      assert.match(home, /href="https:\/\/elsewhere\.example\.net\/rss\.xml"/);
      assert.doesNotMatch(home, /news\.example\.org/);
    });
  });

  if (testDb.kind === 'sqlite') {
    it('reads the password from standard input when not on a terminal', async () => {
      const env = { ...testDb.env, DATABASE_URL: `sqlite:${path.join(testDb.dataDir, 'second.db')}` };
      const done = await runCli(
        ['init', '--site-name', 'Second', '--site-url', 'http://127.0.0.1:3000', '--admin-email', 'second@example.org'],
        env,
        `${PASSWORD}\n`,
      );
      assert.equal(done.code, 0, done.stderr);
      assert.match(done.stdout, /admin second@example\.org/);
    });
  }
});
