import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { saveEdition } from '../../src/content/taxonomy.js';
import type { Store } from '../../src/db/connect.js';
import { composeDigest, type DigestContent } from '../../src/newsletter/digest.js';
import { createIssue, recentNewsletterSends, type SendSummary } from '../../src/newsletter/sending.js';
import { confirmSubscription, requestSubscription } from '../../src/newsletter/subscribers.js';
import { directoryLoader } from '../../src/content/directory.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { addStory, testActor } from '../helpers/fixtures.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { openSuite } from '../helpers/suite.js';

/*
 * Two sender processes started at the same moment on the same issue, against a real SMTP
 * server: every subscriber gets exactly one message, the send log says each was sent once, and
 * the two runs' counts add up to the list. Small batches make the two claim rows in turn; each
 * round is a new issue (ROUNDS rounds make an unlucky interleaving likely).
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const SITE = 'https://news.example.org';
const FROM = 'Desk <desk@example.org>';
const SUBSCRIBERS = 60;
const ROUNDS = 3;

describeEachDatabase('races: two newsletter senders on one issue', (testDb) => {
  let store: Store;
  let smtp: TestSmtp;
  let content: DigestContent;

  before(async () => {
    ({ store } = await openSuite(testDb));
    for (let i = 0; i < 3; i++) await addStory(store.db, { headline: `Digest Story ${i}` });
    smtp = await startSmtp();
    const directory = directoryLoader(store.db);
    const dir = await directory.get();
    directory.dispose();
    content = await composeDigest(store.db, { edition: dir.defaultEdition, dir, siteUrl: SITE });
  });
  after(() => smtp.close());

  function sender(): Promise<SendSummary> {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'send-child.ts')], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        ...testDb.env,
        SMTP_URL: smtp.url,
        SITE_URL: SITE,
        MAIL_FROM: FROM,
        NEWSLETTER_RATE_PER_SECOND: '10000',
        BATCH: '5',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    return new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(JSON.parse(stdout) as SendSummary) : reject(new Error(`sender exited with ${code}: ${stderr}`))));
    });
  }

  it('every subscriber gets exactly one message', async (t) => {
    for (let round = 0; round < ROUNDS; round++) {
      const edition = await saveEdition(
        store.db,
        { slug: `race-${round}`, name: `Race ${round}`, timeZone: 'UTC', locale: 'en', tzAbbreviation: 'UTC', position: 10 + round },
        testActor(),
      );
      const emails = Array.from({ length: SUBSCRIBERS }, (_, i) => `race${round}-${i}@example.org`);
      for (const email of emails) {
        const { subscriber } = await requestSubscription(store.db, { email, editions: [edition.slug] });
        await confirmSubscription(store.db, subscriber.id);
      }
      const issue = (await createIssue(store.db, { editionId: edition.id, issueDate: '2026-12-03', subject: `Digest ${round}`, content }))!;
      assert.equal(issue.recipients, SUBSCRIBERS);
      const before = smtp.received.length;

      const [a, b] = await Promise.all([sender(), sender()]);
      t.diagnostic(`round ${round}: sender A sent ${a.sent}, sender B sent ${b.sent}`);
      assert.equal(a.sent + b.sent, SUBSCRIBERS, 'the two runs sent the list once between them');
      assert.equal(a.retried + b.retried + a.failed + b.failed, 0);

      const mails = smtp.received.slice(before);
      assert.equal(mails.length, SUBSCRIBERS, 'one message per subscriber arrived, no more');
      const perAddress = new Map<string, number>();
      for (const m of mails)
        for (const to of [m.to ?? []].flat().flatMap((x) => x.value.map((v) => v.address!.toLowerCase()))) perAddress.set(to, (perAddress.get(to) ?? 0) + 1);
      for (const email of emails) assert.equal(perAddress.get(email), 1, email);

      const rows = await store.db.selectFrom('newsletter_sends').select(['status']).where('issue_id', '=', issue.id).execute();
      assert.deepEqual(
        rows.map((r) => r.status),
        emails.map(() => 'sent'),
      );
      const report = (await recentNewsletterSends(store.db, { editionId: edition.id }))[0]!;
      assert.deepEqual([report.status, report.sent, report.pending], ['done', SUBSCRIBERS, 0]);
    }
  });
});
