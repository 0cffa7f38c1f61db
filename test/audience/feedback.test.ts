import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  countFeedbackByStatus,
  countUnreadFeedback,
  getFeedback,
  listFeedback,
  sameSitePath,
  setFeedbackStatus,
  submitFeedback,
} from '../../src/audience/feedback.js';
import { ValidationError } from '../../src/content/errors.js';
import { hitRateLimits, rateKey } from '../../src/content/rate-limits.js';
import type { Store } from '../../src/db/connect.js';
import { describeEachDatabase } from '../helpers/databases.js';

describe('sameSitePath', () => {
  it('keeps paths of this site and drops everything else', () => {
    assert.equal(sameSitePath('/article/12-a-story'), '/article/12-a-story');
    assert.equal(sameSitePath('/search?q=rain&kind=news'), '/search?q=rain&kind=news');
    assert.equal(sameSitePath('/'), '/');
    for (const bad of [
      'https://evil.example/x',
      '//evil.example/x',
      '/\\evil.example',
      'article/1',
      'javascript:alert(1)',
      '/a b',
      '/a"onmouseover=x',
      '/a\nb',
      '/newsroom',
      '/newsroom/users',
      '/feedback',
      '/feedback?from=/x',
      `/${'a'.repeat(600)}`,
      '',
      null,
      undefined,
    ]) {
      assert.equal(sameSitePath(bad), null, String(bad));
    }
    assert.equal(sameSitePath('/feedbacks-page'), '/feedbacks-page', 'only the form itself is dropped');
  });
});

describeEachDatabase('feedback and rate limits', (testDb) => {
  let store: Store;
  before(async () => {
    store = await testDb.open();
  });
  after(() => store.close());

  it('stores a valid message as unread, trimmed, with the email in lower case and only a same-site page', async () => {
    const f = await submitFeedback(store.db, { name: '  Asha  ', email: 'Asha@Example.ORG', message: '  Line one\r\nLine two  ', fromPath: '//evil.example/' });
    assert.equal(f.status, 'unread');
    assert.equal(f.name, 'Asha');
    assert.equal(f.email, 'asha@example.org');
    assert.equal(f.message, 'Line one\nLine two');
    assert.equal(f.fromPath, null);
    assert.deepEqual(await getFeedback(store.db, f.id), f);
  });

  it('refuses a message without an email, with a bad one, empty or too long, and says so in words for the reader', async () => {
    const problems = async (input: Parameters<typeof submitFeedback>[1]) => {
      const error = await submitFeedback(store.db, input).catch((e: unknown) => e);
      assert.ok(error instanceof ValidationError, 'a validation error');
      return error.problems;
    };
    assert.deepEqual(await problems({ email: '', message: 'Hello' }), ['Enter your email address, so that we can answer you.']);
    assert.deepEqual(await problems({ email: 'not-an-address', message: 'Hello' }), ['Enter an email address like name@example.org.']);
    assert.deepEqual(await problems({ email: 'a@example.org', message: '   ' }), ['Write your message.']);
    assert.deepEqual(await problems({ email: 'a@example.org', message: 'x'.repeat(5001) }), ['Your message can have at most 5000 characters.']);
    assert.deepEqual(await problems({ name: 'n'.repeat(101), email: 'a@example.org', message: 'Hi' }), ['Your name can have at most 100 characters.']);
    assert.deepEqual(await problems({ name: 'Asha\nBcc: x@example.org', email: 'a@example.org', message: 'Hi' }), [
      'Your name contains characters that cannot be used.',
    ]);
    // 5,000 characters exactly is fine.
    assert.equal((await submitFeedback(store.db, { email: 'a@example.org', message: 'y'.repeat(5000) })).message.length, 5000);
  });

  it('lists newest first by folder, pages with a cursor, counts, and moves messages between unread, read and archived', async () => {
    await store.db.deleteFrom('feedback').execute();
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push((await submitFeedback(store.db, { email: `r${i}@example.org`, message: `Message ${i}` })).id);
    const first = await listFeedback(store.db, { limit: 2 });
    assert.deepEqual(
      first.items.map((f) => f.id),
      [ids[4], ids[3]],
    );
    const second = await listFeedback(store.db, { limit: 2, beforeId: first.next! });
    assert.deepEqual(
      second.items.map((f) => f.id),
      [ids[2], ids[1]],
    );
    assert.equal((await listFeedback(store.db, { limit: 2, beforeId: second.next! })).next, null);

    const read = await setFeedbackStatus(store.db, ids[0]!, 'read', '2026-11-01T10:00:00.000Z');
    assert.equal(read.readAt, '2026-11-01T10:00:00.000Z');
    const archived = await setFeedbackStatus(store.db, ids[0]!, 'archived', '2026-11-02T10:00:00.000Z');
    assert.equal(archived.readAt, '2026-11-01T10:00:00.000Z', 'keeps when it was first read');
    assert.equal(archived.archivedAt, '2026-11-02T10:00:00.000Z');
    await setFeedbackStatus(store.db, ids[1]!, 'archived');
    const restored = await setFeedbackStatus(store.db, ids[1]!, 'read');
    assert.equal(restored.archivedAt, null);
    assert.ok(restored.readAt, 'archiving unread mail counts as reading it');

    assert.deepEqual(await countFeedbackByStatus(store.db), { unread: 3, read: 1, archived: 1 });
    assert.equal(await countUnreadFeedback(store.db), 3);
    assert.deepEqual(
      (await listFeedback(store.db, { view: 'inbox' })).items.map((f) => f.id),
      [ids[4], ids[3], ids[2], ids[1]],
    );
    assert.deepEqual(
      (await listFeedback(store.db, { view: 'archived' })).items.map((f) => f.id),
      [ids[0]],
    );
    assert.deepEqual(
      (await listFeedback(store.db, { view: 'unread' })).items.map((f) => f.id),
      [ids[4], ids[3], ids[2]],
    );
    assert.equal((await listFeedback(store.db, { view: 'all' })).items.length, 5);
    await assert.rejects(setFeedbackStatus(store.db, 999_999, 'read'), /no such message/);
  });

  it('rate limits count per key in a fixed window, refuse over the limit with the wait, and start again after the window', async () => {
    const limit = { limit: 2, windowMs: 60_000 };
    const key = rateKey('test', 'ip', '203.0.113.7');
    const other = rateKey('test', 'ip', '203.0.113.8');
    assert.notEqual(key, other);
    assert.doesNotMatch(key, /203\.0\.113/, 'the address itself is not stored');
    const t0 = Date.parse('2026-11-01T00:00:00.000Z');
    assert.equal((await hitRateLimits(store.db, [{ key, limit }], t0)).allowed, true);
    assert.equal((await hitRateLimits(store.db, [{ key, limit }], t0 + 1_000)).allowed, true);
    const third = await hitRateLimits(store.db, [{ key, limit }], t0 + 20_000);
    assert.deepEqual(third, { allowed: false, retryAfterSeconds: 40 });
    // Another key is counted on its own; a pair is refused when either key is over.
    assert.equal((await hitRateLimits(store.db, [{ key: other, limit }], t0 + 20_000)).allowed, true);
    assert.equal(
      (
        await hitRateLimits(
          store.db,
          [
            { key: other, limit },
            { key, limit },
          ],
          t0 + 21_000,
        )
      ).allowed,
      false,
    );
    assert.equal((await hitRateLimits(store.db, [{ key, limit }], t0 + 60_000)).allowed, true, 'a new window');
    assert.equal((await hitRateLimits(store.db, [{ key, limit }], t0 + 61_000)).allowed, true);
    assert.equal((await hitRateLimits(store.db, [{ key, limit }], t0 + 62_000)).allowed, false);
  });
});
