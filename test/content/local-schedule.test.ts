import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { getArticle } from '../../src/content/articles.js';
import { ValidationError } from '../../src/content/errors.js';
import { instantOfLocalTime, scheduleAtLocalTime } from '../../src/content/local-schedule.js';
import { saveEdition } from '../../src/content/taxonomy.js';
import type { Store } from '../../src/db/connect.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { addStory, testActor } from '../helpers/fixtures.js';
import { openSuite } from '../helpers/suite.js';

describeEachDatabase('scheduling in the edition’s zone', (testDb) => {
  let store: Store;
  before(async () => {
    ({ store } = await openSuite(testDb));
    await saveEdition(
      store.db,
      { slug: 'uk', name: 'UK', timeZone: 'Europe/London', locale: 'en-GB', tzAbbreviation: 'GMT', tzAbbreviationDst: 'BST', position: 2 },
      testActor(),
    );
  });

  it('reads a wall time in the zone, either side of a change of the clocks', () => {
    assert.equal(instantOfLocalTime('2030-01-15T14:30', 'Asia/Kolkata'), '2030-01-15T09:00:00.000Z');
    assert.equal(instantOfLocalTime('2026-03-29T00:30', 'Europe/London'), '2026-03-29T00:30:00.000Z');
    assert.equal(instantOfLocalTime('2026-03-29T02:30', 'Europe/London'), '2026-03-29T01:30:00.000Z');
  });

  it('refuses a wall time the clocks skip, saying why and what to choose', () => {
    assert.throws(
      () => instantOfLocalTime('2026-03-29T01:30', 'Europe/London'),
      (e: unknown) => e instanceof ValidationError && /There is no 01:30 on 2026-03-29 in Europe\/London: the clocks go forward then/.test(e.message),
    );
    assert.throws(() => instantOfLocalTime('2026-02-30T10:00', 'UTC'), /Give the publication time as a date and a time/);
    assert.throws(() => instantOfLocalTime('2026-13-01T10:00', 'UTC'), /Give the publication time/);
    assert.throws(() => instantOfLocalTime('tomorrow', 'UTC'), ValidationError);
  });

  it('schedules a story for the time given in its own edition’s zone', async () => {
    const a = await addStory(store.db, { edition: 'south-asia' }, { status: 'draft' });
    const scheduled = await scheduleAtLocalTime(store.db, a.id, '2030-01-15T14:30', { actor: testActor() });
    assert.equal(scheduled.status, 'scheduled');
    assert.equal(scheduled.scheduledFor, '2030-01-15T09:00:00.000Z');
    const uk = await addStory(store.db, { edition: 'uk' }, { status: 'draft' });
    await assert.rejects(scheduleAtLocalTime(store.db, uk.id, '2030-03-31T01:15', { actor: testActor() }), /clocks go forward/);
    assert.equal((await getArticle(store.db, uk.id))!.status, 'draft', 'nothing changed');
  });
});
