import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openDatabase } from '../../src/ops/bootstrap.js';
import { DatabaseDamagedError } from '../../src/db/errors.js';
import { seedDemo } from '../../src/demo/seed.js';
import { testApp } from '../helpers/app.js';
import { runCli } from '../helpers/cli.js';
import { TestDatabase } from '../helpers/databases.js';

const PAGE = 4096;

/** Overwrites pages from 40 % to 60 % of the file with a byte no SQLite page starts with, as a
 *  disk or a bad copy might: the header and the schema on page 1 stay intact. */
function damageMiddlePages(file: string): void {
  const pages = Math.floor(fs.statSync(file).size / PAGE);
  assert.ok(pages > 20, `the test database has ${pages} pages`);
  const fd = fs.openSync(file, 'r+');
  try {
    for (let page = Math.floor(pages * 0.4); page < Math.floor(pages * 0.6); page++) fs.writeSync(fd, Buffer.alloc(PAGE, 0xa5), 0, PAGE, page * PAGE);
  } finally {
    fs.closeSync(fd);
  }
}

/** The demo newsroom in a new SQLite file, closed again. */
async function seededSqlite(testDb: TestDatabase): Promise<void> {
  await testDb.create();
  const store = await openDatabase({ database: testDb.target });
  await seedDemo(store.db, { dataDir: testDb.dataDir });
  await store.close();
}

describe('a SQLite file that is not a sound Wiredesk database', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiredesk-integrity-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const env = (file: string) => ({ DATABASE_URL: `sqlite:${file}`, DATA_DIR: dir, LOG_LEVEL: 'silent', PORT: '0' });

  it('refuses an empty (0-byte) file instead of seeding a new site and admin over it', async () => {
    const file = path.join(dir, 'empty.db');
    fs.writeFileSync(file, '');
    await assert.rejects(
      openDatabase({ database: { kind: 'sqlite', file } }),
      (error: Error) => error instanceof DatabaseDamagedError && /empty \(0 bytes\)/.test(error.message),
    );
    const { code, stdout, stderr } = await runCli(['serve', '--demo'], env(file));
    assert.equal(code, 2);
    assert.match(stderr, /is empty \(0 bytes\).*restore a backup/i);
    assert.doesNotMatch(stdout, /Seeded|password/);
    assert.equal(fs.statSync(file).size, 0, 'nothing was written to it');
  });

  it('refuses a file that is not SQLite at all, naming it', async () => {
    const file = path.join(dir, 'notes.db');
    fs.writeFileSync(file, 'These are somebody\u2019s notes, not a database.\n'.repeat(200));
    await assert.rejects(
      openDatabase({ database: { kind: 'sqlite', file } }),
      (error: Error) => error instanceof DatabaseDamagedError && error.message.includes(file),
    );
  });
});

describe('a SQLite database with damaged pages', () => {
  const testDb = new TestDatabase('sqlite');
  before(async () => {
    await seededSqlite(testDb);
    damageMiddlePages((testDb.target as { file: string }).file);
  });
  after(() => testDb.destroy());

  it('is refused at start-up by quick_check, and serve says what to do', async () => {
    await assert.rejects(
      openDatabase({ database: testDb.target }, { check: true }),
      (error: Error) => error instanceof DatabaseDamagedError && /quick_check/.test(error.message),
    );
    const { code, stderr } = await runCli(['serve'], { ...testDb.env, PORT: '0' });
    assert.equal(code, 2);
    assert.match(stderr, /is damaged \(PRAGMA quick_check: .+\).*wiredesk doctor/);
  });

  it('is reported by wiredesk doctor with exit code 1', async () => {
    const { code, stdout, stderr } = await runCli(['doctor'], testDb.env);
    assert.equal(code, 1, stderr);
    assert.match(stdout, /integrity_check found \d+|integrity_check found 100 or more/);
    assert.match(stderr, /is damaged: restore a backup/);
  });

  it('makes /healthz answer 503 once a query meets the damage, when the start-up check is off', async () => {
    const store = await testDb.open();
    const app = await testApp(testDb, store);
    try {
      assert.equal((await app.inject('/healthz')).statusCode, 200, 'nothing has read the damaged pages yet');
      await assert.rejects(sql`select sum(length(body)) + sum(length(headline)) from articles`.execute(store.db));
      const health = await app.inject('/healthz');
      assert.equal(health.statusCode, 503);
      assert.equal(health.json().status, 'damaged');
      assert.doesNotMatch(health.body, /malformed|SQLITE_|disk image/, 'what SQLite said stays in the log');
    } finally {
      await app.close();
    }
  });
});

describe('a sound SQLite database', () => {
  const testDb = new TestDatabase('sqlite');
  before(() => seededSqlite(testDb));
  after(() => testDb.destroy());

  it('passes the start-up check and wiredesk doctor', async () => {
    const store = await openDatabase({ database: testDb.target }, { check: true });
    await store.close();
    const { code, stdout } = await runCli(['doctor'], testDb.env);
    assert.equal(code, 0);
    assert.match(stdout, /integrity_check: ok\nforeign_key_check: ok\n.*is sound/);
  });
});
