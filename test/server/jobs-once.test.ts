import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { listAudit } from '../../src/content/audit.js';
import { getArticle } from '../../src/content/articles.js';
import { scheduleArticle } from '../../src/content/lifecycle.js';
import { notify } from '../../src/content/notifications.js';
import { saveEdition } from '../../src/content/taxonomy.js';
import { setNotifyByEmail } from '../../src/content/users.js';
import { loadConfig } from '../../src/config.js';
import { parseAllowList } from '../../src/net/address-policy.js';
import type { Store } from '../../src/db/connect.js';
import type { ExclusiveJob } from '../../src/db/job-lock.js';
import type { MailMessage, Mailer } from '../../src/mail/mailer.js';
import { makeIssue, startNewsletterWorker, updateNewsletterSettings } from '../../src/newsletter/schedule.js';
import { confirmSubscription, requestSubscription } from '../../src/newsletter/subscribers.js';
import { startNotificationMailer } from '../../src/newsroom/notification-mail.js';
import { startScheduler } from '../../src/content/scheduler.js';
import { directoryLoader } from '../../src/content/directory.js';
import { runWebhooksOnce, startWebhookDispatcher } from '../../src/webhooks/dispatcher.js';
import { addSubscription } from '../../src/webhooks/subscriptions.js';
import { addSource } from '../../src/wire/sources.js';
import { startDropFolderWatcher } from '../../src/wire/watcher.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { addStory, smallTaxonomy, testActor } from '../helpers/fixtures.js';
import { deskUser } from '../newsroom/desk.js';

/*
 * Every background job of `wiredesk serve`, started twice over one database (on PostgreSQL two
 * handles with their own pools, as two processes have; on SQLite two handles on one file):
 * each tick's work is done once, a second instance skips the job while the first is in the
 * middle of it, and when the first stops the second carries on. The timers are an hour apart;
 * the tests tick by hand.
 */

const SITE = 'https://news.example.org';
const HOUR = 3_600_000;
const quiet = { info() {}, warn() {}, error() {} };

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** A mailer that keeps what it is handed; `hold` makes its next send wait until released. */
function fakeMailer() {
  const sent: MailMessage[] = [];
  let held: { inside: ReturnType<typeof deferred>; release: ReturnType<typeof deferred> } | null = null;
  const mailer: Mailer & { sent: MailMessage[]; hold(): { inside: Promise<void>; release(): void } } = {
    description: 'test',
    kind: 'outbox',
    sent,
    async send(message) {
      if (held) {
        const h = held;
        held = null;
        h.inside.resolve();
        await h.release.promise;
      }
      sent.push(message);
      return { messageId: `<${sent.length}@test>` };
    },
    async close() {},
    hold() {
      held = { inside: deferred(), release: deferred() };
      return { inside: held.inside.promise, release: held.release.resolve };
    },
  };
  return mailer;
}

const countBy = (values: string[]) => values.reduce((m, v) => m.set(v, (m.get(v) ?? 0) + 1), new Map<string, number>());

describeEachDatabase('background jobs, two instances over one database', (testDb) => {
  let a: Store;
  let b: Store;
  const running: ExclusiveJob[] = [];
  const start = <J extends ExclusiveJob>(job: J) => (running.push(job), job);
  before(async () => {
    a = await testDb.open();
    b = await testDb.open();
    await smallTaxonomy(a.db);
  });
  after(() => Promise.all(running.map((j) => j.stop())));

  it('the scheduler: one due story is published once, with one audit entry and one event; stop one and the other publishes', async () => {
    const due = async () => {
      const story = await addStory(a.db, {}, { status: 'draft' });
      await scheduleArticle(a.db, story.id, '2020-01-01T00:00:01.000Z', { actor: testActor(), now: '2020-01-01T00:00:00.000Z' });
      return story.id;
    };
    const id = await due();
    const first = start(startScheduler(a.db, quiet, HOUR));
    const second = start(startScheduler(b.db, quiet, HOUR));
    await Promise.all([first.tick(), second.tick(), first.tick(), second.tick()]);
    assert.equal((await getArticle(a.db, id))!.status, 'published');
    const publications = (await listAudit(a.db, { action: 'article.publish', limit: 500 })).filter((e) => e.subject.startsWith(`article ${id}:`));
    assert.equal(publications.length, 1);
    const events = await a.db.selectFrom('publication_events').select('event').where('article_id', '=', id).execute();
    assert.deepEqual(
      events.map((e) => e.event),
      ['publish'],
    );

    await first.stop();
    const next = await due();
    assert.equal(await second.tick(), true);
    assert.equal((await getArticle(a.db, next))!.status, 'published');
  });

  it('drop folders: while one watcher ingests, the other skips; each file is ingested once; stop one and the other takes the next file', async () => {
    const folder = path.join(testDb.dataDir, 'wire-drop', 'shared');
    const places = { dataDir: testDb.dataDir };
    fs.mkdirSync(folder, { recursive: true });
    const copy: Record<string, [string, string]> = {
      'lhn:once-1': ['Clinic Opens in Hill District', 'A clinic with twelve beds opened in the hill district on Monday.'],
      'lhn:once-2': ['Rail Strike Halts Freight Trains', 'Freight trains stood still as rail workers walked out over pay.'],
      'lhn:once-3': ['Solar Farm Approved for Coastal Town', 'The council approved a forty-megawatt solar farm near the coast.'],
      'lhn:once-4': ['Library Reopens After Flood Repairs', 'The city library reopened after eight months of repairs.'],
    };
    const drop = (name: string, id: string) => {
      const file = path.join(folder, name);
      const [headline, body] = copy[id]!;
      fs.writeFileSync(file, JSON.stringify({ uri: id, version: 1, versioncreated: '2026-11-29T05:00:00Z', headline, body_html: `<p>${body}</p>` }));
      const settled = new Date(Date.now() - 60_000);
      fs.utimesSync(file, settled, settled);
    };
    await addSource(a.db, { name: 'Shared drop', agency: 'Lighthouse Newswire', folder }, testActor(), { places });
    for (const n of [1, 2, 3]) drop(`item-${n}.json`, `lhn:once-${n}`);

    const inside = deferred();
    const release = deferred();
    const pictured: string[] = [];
    const first = start(
      startDropFolderWatcher(
        a.db,
        quiet,
        {
          places,
          heroFor: async (item) => {
            pictured.push(`a ${item.itemId}`);
            if (pictured.length === 1) {
              inside.resolve();
              await release.promise;
            }
            return null;
          },
        },
        HOUR,
      ),
    );
    await inside.promise;
    const second = start(startDropFolderWatcher(b.db, quiet, { places, heroFor: async (item) => (pictured.push(`b ${item.itemId}`), null) }, HOUR));
    assert.equal(await second.tick(), false, 'the first is in the middle of it');
    release.resolve();
    assert.equal(await first.tick(), true);
    assert.deepEqual(pictured, ['a lhn:once-1', 'a lhn:once-2', 'a lhn:once-3']);
    assert.equal(await second.tick(), true, 'its turn: nothing left to take');

    const taken = await a.db.selectFrom('wire_source_files').select('file').execute();
    assert.deepEqual([...countBy(taken.map((t) => t.file))].sort(), [
      ['item-1.json', 1],
      ['item-2.json', 1],
      ['item-3.json', 1],
    ]);
    const items = await a.db.selectFrom('wire_items').select('item_id').where('item_id', 'like', 'lhn:once-%').execute();
    assert.equal(items.length, 3);
    assert.deepEqual(fs.readdirSync(path.join(folder, 'processed')).sort(), ['item-1.json', 'item-2.json', 'item-3.json']);

    await first.stop();
    drop('item-4.json', 'lhn:once-4');
    assert.equal(await second.tick(), true);
    assert.deepEqual(pictured.at(-1), 'b lhn:once-4');
  });

  it('the newsletter: while one worker sends, the other skips; each subscriber gets one message; stop one and the other sends the next issue', async () => {
    const edition = await saveEdition(
      a.db,
      { slug: 'jobs-once', name: 'Jobs Once', timeZone: 'UTC', locale: 'en', tzAbbreviation: 'UTC', position: 9 },
      testActor(),
    );
    await addStory(a.db, { headline: 'Digest Story For Two Workers', edition: 'jobs-once' }, { now: '2026-11-30T03:00:00.000Z' });
    await addStory(a.db, { headline: 'Digest Story For The Next Day', edition: 'jobs-once' }, { now: '2026-12-01T03:00:00.000Z' });
    const emails = Array.from({ length: 6 }, (_, i) => `reader-${i}@example.org`);
    for (const email of emails) {
      const { subscriber } = await requestSubscription(a.db, { email, editions: [edition.slug] });
      await confirmSubscription(a.db, subscriber.id);
    }
    // No digest is made on a schedule here: the test makes the issues.
    await updateNewsletterSettings(a.db, { enabled: false }, testActor());
    const directory = directoryLoader(a.db);
    const dir = await directory.get();
    directory.dispose();
    const ed = dir.editions.find((e) => e.slug === edition.slug)!;
    assert.ok(await makeIssue(a.db, { edition: ed, dir, siteUrl: SITE, now: new Date('2026-11-30T07:00:00.000Z') }));

    const config = { ...loadConfig({ LOG_LEVEL: 'silent', SITE_URL: SITE, NEWSLETTER_RATE_PER_SECOND: '1000' }) };
    const mailA = fakeMailer();
    const mailB = fakeMailer();
    const held = mailA.hold();
    const first = start(startNewsletterWorker(a.db, config, mailA, directoryLoader(a.db), quiet, HOUR));
    await held.inside;
    const second = start(startNewsletterWorker(b.db, config, mailB, directoryLoader(b.db), quiet, HOUR));
    assert.equal(await second.tick(), false, 'the first is sending');
    held.release();
    assert.equal(await first.tick(), true);
    assert.equal(mailB.sent.length, 0);
    const recipients = (m: Mailer & { sent: MailMessage[] }) => m.sent.map((s) => String(s.to));
    assert.deepEqual(
      [...countBy(recipients(mailA))].sort(),
      emails.map((e) => [e, 1]),
    );

    await first.stop();
    assert.ok(await makeIssue(a.db, { edition: ed, dir, siteUrl: SITE, now: new Date('2026-12-01T07:00:00.000Z') }));
    assert.equal(await second.tick(), true);
    assert.deepEqual(
      [...countBy(recipients(mailB))].sort(),
      emails.map((e) => [e, 1]),
    );
    assert.equal(mailA.sent.length, emails.length, 'the stopped worker sent nothing more');
  });

  it('the newsletter: a pause after the mail server refused holds for every worker', async () => {
    const edition = await saveEdition(
      a.db,
      { slug: 'jobs-pause', name: 'Jobs Pause', timeZone: 'UTC', locale: 'en', tzAbbreviation: 'UTC', position: 10 },
      testActor(),
    );
    await addStory(a.db, { headline: 'Digest Story While The Server Refuses', edition: 'jobs-pause' }, { now: '2026-12-05T03:00:00.000Z' });
    const { subscriber } = await requestSubscription(a.db, { email: 'paused-reader@example.org', editions: [edition.slug] });
    await confirmSubscription(a.db, subscriber.id);
    const directory = directoryLoader(a.db);
    const dir = await directory.get();
    directory.dispose();
    assert.ok(
      await makeIssue(a.db, { edition: dir.editions.find((e) => e.slug === edition.slug)!, dir, siteUrl: SITE, now: new Date('2026-12-05T07:00:00.000Z') }),
    );
    const config = { ...loadConfig({ LOG_LEVEL: 'silent', SITE_URL: SITE, NEWSLETTER_RATE_PER_SECOND: '1000' }) };
    const refusing = fakeMailer();
    refusing.send = async () => Promise.reject(Object.assign(new Error('550 sender refused'), { responseCode: 550, command: 'MAIL FROM' }));
    const first = start(startNewsletterWorker(a.db, config, refusing, directoryLoader(a.db), quiet, HOUR));
    assert.equal(await first.tick(), true);
    await first.stop();
    const willing = fakeMailer();
    const second = start(startNewsletterWorker(b.db, config, willing, directoryLoader(b.db), quiet, HOUR));
    assert.equal(await second.tick(), true);
    assert.equal(willing.sent.length, 0, 'the other worker waits out the pause too');
    await second.stop();
    await a.db.deleteFrom('settings').where('key', '=', 'newsletter.pause').execute();
  });

  it('webhooks: while one dispatcher delivers, the other skips; each event is delivered once; stop one and the other delivers', async () => {
    const got: string[] = [];
    let holdNext: { inside: ReturnType<typeof deferred>; release: ReturnType<typeof deferred> } | null = null;
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', async () => {
        got.push(String(req.headers['webhook-id']));
        if (holdNext) {
          const h = holdNext;
          holdNext = null;
          h.inside.resolve();
          await h.release.promise;
        }
        res.writeHead(200).end('thanks');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      // Events of the stories earlier tests published go out to nobody first.
      await runWebhooksOnce(a.db, SITE);
      // The receiver is a local fake on 127.0.0.1: allowed explicitly, as OUTBOUND_ALLOW would.
      const local = { allow: parseAllowList('127.0.0.1') };
      await addSubscription(a.db, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, events: ['publish'] }, testActor(), local);
      for (let i = 0; i < 3; i++) await addStory(a.db, { headline: `Webhook Story ${i}` });
      holdNext = { inside: deferred(), release: deferred() };
      const hold = holdNext;
      const first = start(startWebhookDispatcher(a.db, SITE, directoryLoader(a.db), quiet, HOUR, null, local));
      await hold.inside.promise;
      const second = start(startWebhookDispatcher(b.db, SITE, directoryLoader(b.db), quiet, HOUR, null, local));
      assert.equal(await second.tick(), false, 'the first is delivering');
      hold.release.resolve();
      assert.equal(await first.tick(), true);
      assert.equal(await second.tick(), true);
      assert.equal(got.length, 3);
      assert.ok(
        [...countBy(got).values()].every((n) => n === 1),
        got.join(' '),
      );
      const deliveries = await a.db.selectFrom('webhook_deliveries').select('status').execute();
      assert.deepEqual(
        deliveries.map((d) => d.status),
        ['delivered', 'delivered', 'delivered'],
      );

      await first.stop();
      await addStory(a.db, { headline: 'Webhook Story After' });
      assert.equal(await second.tick(), true);
      assert.equal(got.length, 4);
      assert.equal(new Set(got).size, 4);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('notification mail: while one mailer sends, the other skips; each notification is mailed once; stop one and the other mails', async () => {
    const editor = await deskUser(a.db, 'editor', 'notified');
    await setNotifyByEmail(a.db, editor.id, true, testActor());
    for (const n of [1, 2])
      await notify(a.db, { kind: 'embargo-lifted', audience: 'article.publish', title: `Embargo lifted ${n}`, dedupeKey: `jobs-once:${n}` });
    const mailA = fakeMailer();
    const mailB = fakeMailer();
    const held = mailA.hold();
    const siteName = async () => 'Wiredesk News';
    const first = start(startNotificationMailer(a.db, mailA, SITE, siteName, quiet, HOUR));
    await held.inside;
    const second = start(startNotificationMailer(b.db, mailB, SITE, siteName, quiet, HOUR));
    assert.equal(await second.tick(), false, 'the first is mailing');
    held.release();
    assert.equal(await first.tick(), true);
    assert.equal(await second.tick(), true);
    const subjects = [...mailA.sent, ...mailB.sent].filter((m) => m.to === editor.email && /Embargo lifted \d/.test(m.subject)).map((m) => m.subject);
    assert.deepEqual(subjects.sort(), ['[Wiredesk News newsroom] Embargo lifted 1', '[Wiredesk News newsroom] Embargo lifted 2']);

    await first.stop();
    await notify(a.db, { kind: 'embargo-lifted', audience: 'article.publish', title: 'Embargo lifted 3', dedupeKey: 'jobs-once:3' });
    assert.equal(await second.tick(), true);
    assert.deepEqual(
      mailB.sent
        .filter((m) => m.to === editor.email)
        .map((m) => m.subject)
        .at(-1),
      '[Wiredesk News newsroom] Embargo lifted 3',
    );
  });
});
