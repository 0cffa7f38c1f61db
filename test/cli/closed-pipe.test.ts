import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, it } from 'node:test';
import type { Store } from '../../src/db/connect.js';
import { repoRoot, runCli } from '../helpers/cli.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { openSuite } from '../helpers/suite.js';

/*
 * `wiredesk ingest | head`: whoever reads the command's output has gone before it printed it all.
 * The command ends quietly with the exit code of the work it did: no "write EPIPE" stack trace.
 */

const feed = path.join(repoRoot, 'test/fixtures/wire-first-day/meridian.rss');

describeEachDatabase('wiredesk printing into a pipe its reader has closed', (testDb) => {
  let store: Store;
  before(async () => {
    ({ store } = await openSuite(testDb));
  });

  it('ingest ends quietly with its own exit code, having ingested everything', async () => {
    const run = await runCli(['ingest', feed], testDb.env, undefined, { closedStdout: true });
    assert.doesNotMatch(run.stderr, /EPIPE|Error/);
    assert.equal(run.code, 0, run.stderr);
    const items = await store.db.selectFrom('wire_items').select('item_id').orderBy('item_id').execute();
    assert.deepEqual(
      items.map((i) => i.item_id),
      ['MNA-FIRST-0001', 'MNA-FIRST-0002', 'MNA-FIRST-0003'],
    );
  });

  it('keeps the exit code of an ingest that rejected something', async () => {
    const unreadable = path.join(testDb.dataDir, 'unreadable.xml');
    fs.writeFileSync(unreadable, 'not a feed at all');
    const run = await runCli(['ingest', unreadable, feed], testDb.env, undefined, { closedStdout: true });
    assert.equal(run.code, 3, run.stderr);
    assert.match(run.stderr, /^wiredesk: 1 rejected; the rest was taken\n$/);
  });
});
