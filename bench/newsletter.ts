/**
 * `npm run bench:newsletter`: figures, not a gate. The demo newsroom on SQLite (or the PostgreSQL
 * database BENCH_DATABASE_URL names; it must be empty), BENCH_SUBSCRIBERS confirmed subscribers
 * (10,000 by default) of the default edition, and one daily digest sent to a local SMTP server
 * (smtp-server, in this process) through the real mailer and send log: messages per second, peak
 * RSS, and a check that every subscriber got exactly one message with both parts and the
 * List-Unsubscribe headers. Then a paced run (BENCH_PACED subscribers of another edition at
 * BENCH_RATE messages per second) shows the rate limit holding.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { listEditions } from '../src/content/taxonomy.js';
import { openDatabase } from '../src/ops/bootstrap.js';
import { seedDemo } from '../src/demo/seed.js';
import { createMailer } from '../src/mail/mailer.js';
import { makeIssue } from '../src/newsletter/schedule.js';
import { sendDueNewsletters } from '../src/newsletter/sending.js';
import { directoryLoader } from '../src/content/directory.js';
import { createArticle } from '../src/content/lifecycle.js';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 10_000);
const PACED = Number(process.env.BENCH_PACED ?? 500);
const RATE = Number(process.env.BENCH_RATE ?? 250);
const SITE = 'https://news.example.org';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiredesk-bench-newsletter-'));
const target = process.env.BENCH_DATABASE_URL
  ? ({ kind: 'postgres', url: process.env.BENCH_DATABASE_URL } as const)
  : ({ kind: 'sqlite', file: path.join(dataDir, 'wiredesk.db') } as const);
const store = await openDatabase({ database: target });
await seedDemo(store.db, { dataDir });
// A few stories of the last hours, so the digest has a day's top stories (the demo's are older).
for (let i = 0; i < 6; i++) {
  await createArticle(
    store.db,
    {
      kind: 'news',
      headline: `Bench Morning Story ${i + 1}`,
      standfirst: 'A story of the day for the digest benchmark.',
      body: '<p>Text.</p>',
      datelineCity: 'Nairobi',
      countries: ['KE'],
      sectors: ['health'],
    },
    { actor: { name: 'bench', userId: null } },
    { publish: {} },
  );
}

// ── The local SMTP server: counts messages per recipient; parses every 500th fully ──────────
const perRecipient = new Map<string, number>();
let received = 0;
let sample: Awaited<ReturnType<typeof simpleParser>> | null = null;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      for (const r of session.envelope.rcptTo) perRecipient.set(r.address, (perRecipient.get(r.address) ?? 0) + 1);
      received += 1;
      if (received % 500 === 1) void simpleParser(Buffer.concat(chunks)).then((m) => (sample = m));
      callback();
    });
  },
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const smtpUrl = `smtp://127.0.0.1:${(server.server.address() as { port: number }).port}`;
const mailer = createMailer({ smtpUrl, mailFrom: 'Bench <news@example.org>', dataDir });

// ── Subscribers ────────────────────────────────────────────────────────────
const editions = await listEditions(store.db);
const main = editions.find((e) => e.isDefault)!;
const other = editions.find((e) => !e.isDefault)!;
async function addSubscribers(prefix: string, count: number, editionId: number) {
  const now = new Date().toISOString();
  for (let i = 0; i < count; i += 500) {
    await store.db.transaction().execute(async (trx) => {
      const rows = await trx
        .insertInto('newsletter_subscribers')
        .values(
          Array.from({ length: Math.min(500, count - i) }, (_, j) => ({
            email: `${prefix}-${i + j}@bench.example.org`,
            status: 'confirmed',
            sectors: JSON.stringify((i + j) % 3 === 0 ? ['health', 'education'] : []),
            created_at: now,
            updated_at: now,
            confirmed_at: now,
          })),
        )
        .returning('id')
        .execute();
      await trx
        .insertInto('newsletter_subscriber_editions')
        .values(rows.map((r) => ({ subscriber_id: r.id, edition_id: editionId })))
        .execute();
    });
  }
}
let t = performance.now();
await addSubscribers('reader', SUBSCRIBERS, main.id);
await addSubscribers('paced', PACED, other.id);
console.log(`Setup: ${store.description}, demo newsroom, ${SUBSCRIBERS} + ${PACED} confirmed subscribers in ${((performance.now() - t) / 1000).toFixed(1)} s`);

const directory = directoryLoader(store.db);
const dir = await directory.get();
t = performance.now();
const issue = (await makeIssue(store.db, { edition: main, dir, siteUrl: SITE }))!;
console.log(`Issue ${issue.id} (${main.name}): composed and ${issue.recipients} send-log rows written in ${(performance.now() - t).toFixed(0)} ms`);

// ── The digest, as fast as the server takes it ─────────────────────────────
const rssBefore = process.memoryUsage().rss;
let peakRss = rssBefore;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
t = performance.now();
const summary = await sendDueNewsletters(store.db, { mailer, siteUrl: SITE, unsubscribeMailbox: 'news@example.org', ratePerSecond: 100_000 });
const seconds = (performance.now() - t) / 1000;
clearInterval(sampler);
const counts = [...perRecipient.entries()].filter(([a]) => a.startsWith('reader-'));
const exactlyOnce = counts.length === SUBSCRIBERS && counts.every(([, n]) => n === 1);
const logRows = await store.db
  .selectFrom('newsletter_sends')
  .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
  .where('issue_id', '=', issue.id)
  .groupBy('status')
  .execute();
console.log(`\nDigest to ${SUBSCRIBERS} subscribers, unpaced (3 SMTP connections):`);
console.table({
  sent: summary.sent,
  failed: summary.failed,
  seconds: Number(seconds.toFixed(2)),
  'messages/s': Math.round(summary.sent / seconds),
  'RSS before MB': Math.round(rssBefore / 1048576),
  'peak RSS MB': Math.round(peakRss / 1048576),
  'server received': counts.length,
  'every subscriber exactly once': exactlyOnce,
  'send log': logRows.map((r) => `${r.status} ${r.n}`).join(', '),
});
await new Promise((r) => setTimeout(r, 200));
const s = sample as Awaited<ReturnType<typeof simpleParser>> | null;
const unsubscribe = s?.headerLines.find((h) => h.key === 'list-unsubscribe')?.line ?? '';
const post = s?.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line ?? '';
const sampleOk = Boolean(
  s?.html && s.text && /<https:\/\/news\.example\.org\/newsletter\/unsubscribe\?t=/.test(unsubscribe) && /mailto:/.test(unsubscribe) && /One-Click/.test(post),
);
console.log(
  `Sampled message: HTML ${s?.html ? (s.html as string).length : 0} chars + text ${s?.text?.length ?? 0} chars, List-Unsubscribe and -Post present: ${sampleOk}`,
);

// ── A paced run: the rate limit holds ──────────────────────────────────────
const paced = (await makeIssue(store.db, { edition: other, dir, siteUrl: SITE }))!;
t = performance.now();
const pacedSummary = await sendDueNewsletters(store.db, { mailer, siteUrl: SITE, unsubscribeMailbox: 'news@example.org', ratePerSecond: RATE });
const pacedSeconds = (performance.now() - t) / 1000;
const pacedOnce = [...perRecipient.entries()].filter(([a]) => a.startsWith('paced-')).every(([, n]) => n === 1);
console.log(
  `\nPaced: ${pacedSummary.sent} of ${paced.recipients} at NEWSLETTER_RATE_PER_SECOND=${RATE}: ${pacedSeconds.toFixed(2)} s, ${(pacedSummary.sent / pacedSeconds).toFixed(1)} messages/s, exactly once: ${pacedOnce}`,
);

directory.dispose();
await mailer.close();
await new Promise<void>((resolve) => server.close(() => resolve()));
await store.close();
fs.rmSync(dataDir, { recursive: true, force: true });
if (!exactlyOnce || !sampleOk || !pacedOnce) process.exitCode = 1;
