import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { addViews, totalReads } from '../../src/audience/reads.js';
import { runCli } from '../helpers/cli.js';
import { describeEachDatabase } from '../helpers/databases.js';

/** Errors are one line on stderr, never a stack trace. */
function assertOneLineError(stderr: string, pattern: RegExp) {
  const lines = stderr.trim().split('\n');
  assert.equal(lines.length, 1, `expected one line, got:\n${stderr}`);
  assert.match(lines[0]!, pattern);
  assert.doesNotMatch(stderr, /\n\s+at /);
}

describe('wiredesk command: bad configuration', () => {
  it('--help lists every command', async () => {
    const { code, stdout } = await runCli(['--help'], {});
    assert.equal(code, 0);
    for (const command of ['serve', 'migrate', 'seed', 'stats', 'rollup-views', 'user', 'backup', 'restore'])
      assert.match(stdout, new RegExp(`\\b${command}\\b`));
  });

  it('PORT=-1 ends serve with one line naming PORT and exit code 2', async () => {
    const { code, stderr } = await runCli(['serve'], { PORT: '-1' });
    assert.equal(code, 2);
    assertOneLineError(stderr, /^wiredesk: PORT="-1" is not valid/);
  });

  it('serve --workers must be a whole number from 1 to 64', async () => {
    for (const n of ['0', '65', 'two']) {
      const { code, stderr } = await runCli(['serve', '--workers', n], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/never' });
      assert.equal(code, 2, n);
      assertOneLineError(stderr, /^wiredesk: --workers must be a whole number from 1 to 64/);
    }
  });

  it('serve --workers 2 on SQLite is refused with one line and exit code 2', async () => {
    const { code, stderr } = await runCli(['serve', '--workers', '2'], { DATABASE_URL: 'sqlite:/tmp/wiredesk-never-opened.db' });
    assert.equal(code, 2);
    assertOneLineError(stderr, /^wiredesk: --workers 2 needs PostgreSQL \(DATABASE_URL=postgres:\/\/…\): the SQLite database is served by one process$/);
    assert.equal(fs.existsSync('/tmp/wiredesk-never-opened.db'), false, 'refused before opening anything');
  });

  it('DATABASE_URL=nonsense ends with one line naming DATABASE_URL and exit code 2', async () => {
    const { code, stderr } = await runCli(['serve'], { DATABASE_URL: 'nonsense' });
    assert.equal(code, 2);
    assertOneLineError(stderr, /^wiredesk: DATABASE_URL="nonsense" is not valid/);
  });

  it('an unreachable PostgreSQL server ends with one line naming the database and exit code 2', async () => {
    const { code, stderr } = await runCli(['stats'], { DATABASE_URL: 'postgres://postgres:pw@127.0.0.1:1/nowhere' });
    assert.equal(code, 2);
    assertOneLineError(stderr, /^wiredesk: Cannot reach the PostgreSQL database postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/nowhere/);
  });

  it('an SQLite file that cannot be created ends with one line and exit code 2', async () => {
    const { code, stderr } = await runCli(['stats'], { DATABASE_URL: 'sqlite:/dev/null/sub/x.db' });
    assert.equal(code, 2);
    assertOneLineError(stderr, /^wiredesk: Cannot open the SQLite database \/dev\/null\/sub\/x\.db/);
  });
});

describeEachDatabase('wiredesk command', (testDb) => {
  const run = (args: string[], input?: string, extra: Record<string, string> = {}) => runCli(args, { ...testDb.env, ...extra }, input);

  it('migrate brings a new database up to date, and says so the second time', async () => {
    const first = await run(['migrate']);
    assert.equal(first.code, 0, first.stderr);
    const second = await run(['migrate']);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /is up to date/);
  });

  it('stats --json on an empty database reports zeros', async () => {
    const { code, stdout, stderr } = await run(['stats', '--json']);
    assert.equal(code, 0, stderr);
    const stats = JSON.parse(stdout);
    assert.equal(stats.articles.published, 0);
    assert.equal(stats.users, 0);
  });

  it('seed --demo fills the newsroom; stats --json reports it; a second seed changes nothing', async () => {
    const seeded = await run(['seed', '--demo']);
    assert.equal(seeded.code, 0, seeded.stderr);
    assert.match(seeded.stdout, /Seeded the demo newsroom: \d+ articles/);
    const stats = JSON.parse((await run(['stats', '--json'])).stdout);
    assert.ok(stats.articles.published >= 120, `published ${stats.articles.published}`);
    for (const kind of ['news', 'opinion', 'blog', 'interview', 'shot']) assert.ok(stats.articles.byKind[kind] > 0, kind);
    assert.ok(stats.sectors >= 15);
    assert.ok(stats.editions >= 6);
    assert.ok(stats.countries >= 30);
    for (const key of ['sectors', 'editions', 'countries', 'users']) assert.equal(typeof stats[key], 'number');
    const again = await run(['seed', '--demo']);
    assert.equal(again.code, 0);
    assert.match(again.stdout, /already seeded/);
    assert.deepEqual(JSON.parse((await run(['stats', '--json'])).stdout), stats);
    const text = await run(['stats']);
    assert.match(text.stdout, /Published by kind: news \d+/);
  });

  it('rollup-views moves hourly reads older than 72 hours into days, once', async () => {
    const store = await testDb.open();
    const story = await store.db.selectFrom('articles').select('id').where('status', '=', 'published').orderBy('id').limit(1).executeTakeFirstOrThrow();
    const tenDaysAgo = new Date().setUTCHours(10, 0, 0, 0) - 10 * 86_400_000; // 10:00, 11:00 and 12:00 of one day
    await addViews(
      store.db,
      [0, 1, 2].map((h) => ({ articleId: story.id, at: new Date(tenDaysAgo + h * 3_600_000), views: 4 })),
    );
    const before = (await totalReads(store.db, [story.id])).get(story.id);
    const first = await run(['rollup-views', '--json']);
    assert.equal(first.code, 0, first.stderr);
    assert.ok(JSON.parse(first.stdout).buckets >= 3, first.stdout);
    assert.equal((await totalReads(store.db, [story.id])).get(story.id), before, 'the story keeps its reads');
    const days = () => store.db.selectFrom('article_views_daily').select(['day', 'views']).where('article_id', '=', story.id).orderBy('day').execute();
    const tenDaysAgoDay = new Date(tenDaysAgo).toISOString().slice(0, 10);
    const kept = (await days()).filter((d) => d.day <= tenDaysAgoDay);
    assert.equal(
      kept.reduce((n, d) => n + d.views, 0),
      12,
      JSON.stringify(kept),
    );
    // Run again (a second or so later: only a bucket crossing the 72-hour line that second could move).
    const again = await run(['rollup-views']);
    assert.equal(again.code, 0, again.stderr);
    assert.match(
      again.stdout,
      /^(No hourly reads older than 72 hours: nothing to roll up\.|Rolled up \d+ hourly bucket\(s\), \d+ read\(s\), into daily counts in \d+ batch\(es\)\.)\n$/,
    );
    assert.equal((await totalReads(store.db, [story.id])).get(story.id), before);
    assert.deepEqual(
      (await days()).filter((d) => d.day <= tenDaysAgoDay),
      kept,
    );
  });

  it('user add reads the password from stdin and refuses a duplicate or a bad role', async () => {
    const added = await run(['user', 'add', '--email', 'chief@example.org', '--name', 'Chief Editor', '--role', 'admin'], 'a long enough password\n');
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stdout, /Created admin chief@example.org/);
    const duplicate = await run(['user', 'add', '--email', 'CHIEF@example.org', '--name', 'Again', '--role', 'editor'], 'another long password\n');
    assert.equal(duplicate.code, 1);
    assertOneLineError(duplicate.stderr, /already exists/);
    const badRole = await run(['user', 'add', '--email', 'x@example.org', '--name', 'X', '--role', 'owner'], 'a long enough password\n');
    assert.notEqual(badRole.code, 0);
    assert.match(badRole.stderr, /owner/);
    const shortPassword = await run(['user', 'add', '--email', 'y@example.org', '--name', 'Y', '--role', 'writer'], 'short\n');
    assert.equal(shortPassword.code, 1);
    assertOneLineError(shortPassword.stderr, /12 characters/);
    assert.equal(JSON.parse((await run(['stats', '--json'])).stdout).users, 1);
    const store = await testDb.open();
    const audit = await store.db.selectFrom('audit_log').select(['action', 'actor', 'subject']).where('action', '=', 'user.create').execute();
    assert.equal(audit.length, 1, 'user add is audited');
    assert.match(audit[0]!.actor, /^cli:/);
    assert.match(audit[0]!.subject, /chief@example.org/);
  });

  if (testDb.kind === 'postgres') {
    it('backup on PostgreSQL explains the pg_dump command and fails', async () => {
      const { code, stderr } = await run(['backup', path.join(testDb.dataDir, 'b.dump')]);
      assert.equal(code, 1);
      assertOneLineError(stderr, /pg_dump --format=custom/);
    });
  } else {
    describe('backup and restore', () => {
      let backupFile: string;
      before(() => {
        backupFile = path.join(testDb.dataDir, 'backups', 'copy.db');
      });

      it('backup writes a consistent copy and refuses to overwrite it without --force', async () => {
        const made = await run(['backup', backupFile]);
        assert.equal(made.code, 0, made.stderr);
        assert.ok(fs.statSync(backupFile).size > 0);
        const again = await run(['backup', backupFile]);
        assert.equal(again.code, 1);
        assertOneLineError(again.stderr, /exists; add --force/);
        assert.equal((await run(['backup', backupFile, '--force'])).code, 0);
      });

      it('restore refuses a non-empty database without --force, and with it brings the backup back', async () => {
        const before = JSON.parse((await run(['stats', '--json'])).stdout);
        await run(['user', 'add', '--email', 'later@example.org', '--name', 'Later', '--role', 'writer'], 'a long enough password\n');
        const refused = await run(['restore', backupFile]);
        assert.equal(refused.code, 1);
        assertOneLineError(refused.stderr, /not empty .* add --force/);
        const restored = await run(['restore', backupFile, '--force']);
        assert.equal(restored.code, 0, restored.stderr);
        assert.deepEqual(JSON.parse((await run(['stats', '--json'])).stdout), before);
      });

      it('restore into an empty database needs no --force, and refuses files that are not backups', async () => {
        const freshEnv = { DATABASE_URL: `sqlite:${path.join(testDb.dataDir, 'fresh.db')}` };
        const restored = await run(['restore', backupFile], undefined, freshEnv);
        assert.equal(restored.code, 0, restored.stderr);
        const junk = path.join(testDb.dataDir, 'junk.db');
        fs.writeFileSync(junk, 'not a database at all');
        const refused = await run(['restore', junk, '--force'], undefined, freshEnv);
        assert.equal(refused.code, 1);
        assertOneLineError(refused.stderr, /not an SQLite database|not a Wiredesk backup/);
      });
    });
  }
});
