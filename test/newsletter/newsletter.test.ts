import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { createMedia } from '../../src/content/media.js';
import { updateSiteSettings } from '../../src/content/settings.js';
import { after, before, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { ParsedMail } from 'mailparser';
import { saveEdition, type Edition } from '../../src/content/taxonomy.js';
import type { Store } from '../../src/db/connect.js';
import { createMailer, type MailMessage, type Mailer } from '../../src/mail/mailer.js';
import { composeDigest, renderDigest, type DigestContent } from '../../src/newsletter/digest.js';
import { createDueIssues, getNewsletterSettings, isDue, sendTimeOf, updateNewsletterSettings } from '../../src/newsletter/schedule.js';
import {
  createIssue,
  FAILURES_BEFORE_PAUSE,
  LEASE_MS,
  MAX_ATTEMPTS,
  recentNewsletterSends,
  retryDelayMs,
  sendDueNewsletters,
  type SendOptions,
} from '../../src/newsletter/sending.js';
import { ADDRESS_LIMIT, IP_LIMIT } from '../../src/newsletter/signup.js';
import { confirmSubscription, findSubscriberByEmail, requestSubscription, subscribersOverTime, unsubscribe } from '../../src/newsletter/subscribers.js';
import { newsletterSecret, signLink, verifyLink } from '../../src/newsletter/tokens.js';
import { directoryLoader } from '../../src/content/directory.js';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { addStory, testActor } from '../helpers/fixtures.js';
import { deskUser, get, post } from '../newsroom/desk.js';
import { headerOf, startMailbox, type Mailbox } from './mailbox.js';
import { openSuite } from '../helpers/suite.js';

const SITE = 'https://news.example.org';
const FROM = 'Desk <desk@example.org>';
const here = path.dirname(fileURLToPath(import.meta.url));

let nextIp = 1;
/** A reader at an address of their own, so that tests do not share the per-IP limit. */
const readerIp = () => `203.0.113.${nextIp++}`;
let nextEdition = 1;

/** The part of a link in a message that app.inject takes. */
const pathOf = (url: string) => {
  const u = new URL(url);
  assert.equal(u.origin, SITE);
  return u.pathname + u.search;
};
const linkIn = (mail: ParsedMail, route: string) => {
  const m = new RegExp(`${SITE.replace(/\./g, '\\.')}/newsletter/${route}\\?t=[A-Za-z0-9._-]+`).exec(mail.text ?? '');
  assert.ok(m, `no ${route} link in: ${mail.text}`);
  return m[0];
};

describeEachDatabase('newsletter', (testDb) => {
  let store: Store;
  let app: FastifyInstance;
  let mailbox: Mailbox;
  let mailer: Mailer;
  let content: DigestContent;
  const handed: MailMessage[] = [];

  before(async () => {
    ({ store } = await openSuite(testDb));
    for (let i = 0; i < 4; i++) await addStory(store.db, { headline: `Digest Story ${i}`, sectors: [i % 2 ? 'health' : 'energy'] });
    mailbox = await startMailbox();
    mailer = createMailer({ smtpUrl: mailbox.url, mailFrom: FROM, dataDir: testDb.dataDir });
    // The app's mail goes to the mailbox; `handed` lists each message as the app hands it over
    // (sign-up mail is sent after the answer, so the mailbox may not have it yet).
    const config = {
      ...loadConfig({ LOG_LEVEL: 'silent', SITE_URL: SITE, SMTP_URL: mailbox.url, MAIL_FROM: FROM }),
      database: testDb.target,
      dataDir: testDb.dataDir,
    };
    const appMailer = createMailer(config);
    app = await buildApp({
      config,
      store: { ...store, close: async () => {} },
      mailer: { description: appMailer.description, kind: appMailer.kind, send: (m) => (handed.push(m), appMailer.send(m)), close: () => appMailer.close() },
    });
    const directory = directoryLoader(store.db);
    const dir = await directory.get();
    directory.dispose();
    content = await composeDigest(store.db, { edition: dir.defaultEdition, dir, siteUrl: SITE });
  });
  after(async () => {
    await app.close();
    await mailer.close();
    await mailbox.close();
  });

  /** A new edition of its own for a test, so its issues reach only its subscribers. */
  async function edition(): Promise<Edition> {
    const n = nextEdition++;
    return saveEdition(
      store.db,
      { slug: `ed-${n}`, name: `Edition ${n}`, timeZone: 'UTC', locale: 'en', tzAbbreviation: 'UTC', position: 10 + n },
      testActor(),
    );
  }
  async function confirmed(ed: Edition, emails: string[], sectors: string[] = []) {
    for (const email of emails) {
      const { subscriber } = await requestSubscription(store.db, { email, editions: [ed.slug], sectors });
      await confirmSubscription(store.db, subscriber.id);
    }
  }
  const issue = (ed: Edition, day = '2026-11-02') => createIssue(store.db, { editionId: ed.id, issueDate: day, subject: 'Digest', content });
  const send = (extra: Partial<SendOptions> = {}) =>
    sendDueNewsletters(store.db, { mailer, siteUrl: SITE, unsubscribeMailbox: FROM, ratePerSecond: 10_000, ...extra });
  const countTo = (address: string) => mailbox.to(address).length;

  /** Posts the sign-up form as a browser on this site does. */
  const signUp = (fields: Record<string, string | string[]>, options: { ip?: string; origin?: string | null } = {}) => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
    return app.inject({
      method: 'POST',
      url: '/newsletter',
      remoteAddress: options.ip ?? readerIp(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(options.origin === null ? {} : { origin: options.origin ?? SITE }) },
      payload: body.toString(),
    });
  };
  const postForm = (url: string, fields: Record<string, string | string[]>) => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
    return app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded', origin: SITE }, payload: body.toString() });
  };

  it('signs up by double opt-in: a confirmation email with a signed link, a button, then confirmed', async () => {
    const form = await app.inject('/newsletter');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /name="editions" value="south-asia"/);
    assert.match(form.body, /name="sectors" value="health"/);
    const res = await signUp({ email: ' Reader.One@Example.org ', editions: ['south-asia'], sectors: ['health'], website: '' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Check your inbox/);
    assert.equal((await findSubscriberByEmail(store.db, 'reader.one@example.org'))!.status, 'pending');

    const mail = await mailbox.nextTo('reader.one@example.org');
    assert.match(mail.subject ?? '', /Confirm/);
    const link = linkIn(mail, 'confirm');
    // Opening the link (as a mail scanner would) changes nothing: it shows a button.
    const page = await app.inject(pathOf(link));
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Confirm my subscription/);
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.equal((await findSubscriberByEmail(store.db, 'reader.one@example.org'))!.status, 'pending');
    const token = new URL(link).searchParams.get('t')!;
    const done = await postForm('/newsletter/confirm', { t: token });
    assert.equal(done.statusCode, 200);
    assert.match(done.body, /You are subscribed/);
    const subscriber = (await findSubscriberByEmail(store.db, 'reader.one@example.org'))!;
    assert.equal(subscriber.status, 'confirmed');
    assert.deepEqual(subscriber.editions, ['south-asia']);
    assert.deepEqual(subscriber.sectors, ['health']);
  });

  it('refuses a forged, altered or expired link, and a confirmation after unsubscribing', async () => {
    const secret = await newsletterSecret(store.db);
    const { subscriber } = await requestSubscription(store.db, { email: 'links@example.org' });
    const good = signLink(secret, 'confirm', subscriber.id);
    assert.equal(verifyLink(secret, 'confirm', good).ok, true);
    assert.equal(verifyLink(secret, 'manage', good).ok, false, 'a confirmation link is not a preferences link');
    const altered = good.replace(/^c\.\d+\./, `c.${subscriber.id + 1}.`);
    assert.deepEqual(verifyLink(secret, 'confirm', altered), { ok: false, reason: 'invalid' });
    const old = signLink(secret, 'confirm', subscriber.id, Date.now() - 49 * 3_600_000);
    assert.deepEqual(verifyLink(secret, 'confirm', old), { ok: false, reason: 'expired' });
    assert.equal((await app.inject(`/newsletter/confirm?t=${encodeURIComponent(altered)}`)).statusCode, 400);
    assert.equal((await postForm('/newsletter/confirm', { t: old })).statusCode, 410);
    assert.equal((await findSubscriberByEmail(store.db, 'links@example.org'))!.status, 'pending');
    await unsubscribe(store.db, subscriber.id);
    assert.equal((await postForm('/newsletter/confirm', { t: good })).statusCode, 410);
    assert.equal((await findSubscriberByEmail(store.db, 'links@example.org'))!.status, 'unsubscribed');
  });

  it('sends the digest only to confirmed addresses, with an HTML and a plain-text part and the List-Unsubscribe headers', async () => {
    const ed = await edition();
    await confirmed(ed, ['one@example.org', 'two@example.org'], ['health']);
    await requestSubscription(store.db, { email: 'waiting@example.org', editions: [ed.slug] });
    const left = await requestSubscription(store.db, { email: 'left@example.org', editions: [ed.slug] });
    await confirmSubscription(store.db, left.subscriber.id);
    await unsubscribe(store.db, left.subscriber.id);

    const made = await issue(ed);
    assert.equal(made!.recipients, 2);
    assert.equal(await issue(ed), null, 'one issue per edition and day');
    const summary = await send();
    assert.equal(summary.sent, 2);
    assert.equal(countTo('waiting@example.org'), 0);
    assert.equal(countTo('left@example.org'), 0);

    const mail = mailbox.to('one@example.org')[0]!;
    assert.equal(mailbox.to('one@example.org').length, 1);
    assert.match(mail.subject ?? '', /Digest Story/);
    assert.ok(mail.html, 'an HTML part');
    assert.ok(mail.text, 'a plain-text part');
    assert.match(mail.text!, /TOP STORIES/);
    assert.match(mail.text!, /https:\/\/news\.example\.org\/article\/\d+-digest-story-\d/);
    assert.match(mail.html as string, /<table role="presentation"/);
    assert.match(mail.html as string, /name="color-scheme" content="light dark"/);
    assert.match(mail.html as string, /In your sectors: Health/);
    assert.doesNotMatch(mail.html as string, /In your sectors: Energy/);
    const unsubscribeHeader = headerOf(mail, 'List-Unsubscribe')!;
    assert.match(
      unsubscribeHeader,
      /^<https:\/\/news\.example\.org\/newsletter\/unsubscribe\?t=m\.\d+\.\d+\.[\w-]+>, <mailto:desk@example\.org\?subject=unsubscribe%20m\.[^>]+>$/,
    );
    assert.equal(headerOf(mail, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click');
    assert.match(headerOf(mail, 'Message-ID')!, /^<newsletter\.\d+\.\d+@news\.example\.org>$/);
    const report = (await recentNewsletterSends(store.db, { editionId: ed.id }))[0]!;
    assert.deepEqual([report.status, report.recipients, report.sent, report.failed, report.pending], ['done', 2, 2, 0, 0]);
  });

  it('unsubscribes in one click (RFC 8058 POST with no cookie or Origin), and from the page with a button', async () => {
    const ed = await edition();
    await confirmed(ed, ['click@example.org', 'button@example.org', 'stays@example.org']);
    await issue(ed);
    await send();
    const header = headerOf(mailbox.to('click@example.org')[0]!, 'List-Unsubscribe')!;
    const oneClick = /<(https:[^>]+)>/.exec(header)![1]!;
    const res = await app.inject({
      method: 'POST',
      url: pathOf(oneClick),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    assert.equal(res.statusCode, 200);
    assert.equal((await findSubscriberByEmail(store.db, 'click@example.org'))!.status, 'unsubscribed');

    // Some providers post multipart/form-data.
    const again = await app.inject({
      method: 'POST',
      url: pathOf(oneClick),
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      payload: '--x\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--x--\r\n',
    });
    assert.equal(again.statusCode, 200);

    const pageLink = linkIn(mailbox.to('button@example.org')[0]!, 'unsubscribe');
    const page = await app.inject(pathOf(pageLink));
    assert.match(page.body, /<button type="submit">Unsubscribe<\/button>/);
    assert.equal((await findSubscriberByEmail(store.db, 'button@example.org'))!.status, 'confirmed', 'opening the page changes nothing');
    assert.equal((await postForm('/newsletter/unsubscribe', { t: new URL(pageLink).searchParams.get('t')! })).statusCode, 200);
    assert.equal((await findSubscriberByEmail(store.db, 'button@example.org'))!.status, 'unsubscribed');

    await issue(ed, '2026-11-03');
    await send();
    assert.equal(countTo('click@example.org'), 1);
    assert.equal(countTo('button@example.org'), 1);
    assert.equal(countTo('stays@example.org'), 2);
  });

  it('changes editions and sectors from the signed preferences link', async () => {
    const ed = await edition();
    await confirmed(ed, ['prefs@example.org']);
    await issue(ed);
    await send();
    const link = linkIn(mailbox.to('prefs@example.org')[0]!, 'preferences');
    const page = await app.inject(pathOf(link));
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /prefs@example\.org/);
    const res = await postForm('/newsletter/preferences', {
      t: new URL(link).searchParams.get('t')!,
      editions: ['global', ed.slug],
      sectors: ['energy', 'no-such-sector'],
    });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Saved/);
    const s = (await findSubscriberByEmail(store.db, 'prefs@example.org'))!;
    assert.deepEqual(s.editions.sort(), ['global', ed.slug].sort());
    assert.deepEqual(s.sectors, ['energy']);
    assert.equal((await app.inject('/newsletter/preferences?t=m.1.99999999999.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).statusCode, 400);
  });

  it('resumes a run the SMTP server broke off (421 after some messages): everyone gets exactly one copy', async () => {
    const ed = await edition();
    const emails = Array.from({ length: 30 }, (_, i) => `resume-${i}@example.org`);
    await confirmed(ed, emails);
    await issue(ed);
    const before = mailbox.received.length;
    mailbox.behaviour = { failAfter: before + 10 };
    const first = await send({ concurrency: 1 });
    assert.equal(first.sent, 10);
    assert.equal(first.stopped, 'server-unavailable');
    assert.equal(first.retried, FAILURES_BEFORE_PAUSE);
    // The server is back; a later run (its clock past the retry wait) sends the rest.
    mailbox.behaviour = {};
    const later = new Date(Date.now() + retryDelayMs(1) + 1000).toISOString();
    const second = await send({ now: () => later });
    assert.equal(second.sent, 20);
    for (const email of emails) assert.equal(countTo(email), 1, email);
    const report = (await recentNewsletterSends(store.db, { editionId: ed.id }))[0]!;
    assert.deepEqual([report.status, report.sent, report.pending], ['done', 30, 0]);
  });

  it('resumes a run whose sender process was killed mid-run: everyone gets exactly one copy', async () => {
    const ed = await edition();
    const emails = Array.from({ length: 40 }, (_, i) => `killed-${i}@example.org`);
    await confirmed(ed, emails);
    await issue(ed);
    const before = mailbox.received.length;
    // The server accepts 15 messages, then never answers: the sender is stuck mid-message.
    mailbox.behaviour = { hangAfter: mailbox.started + 15 };
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'send-child.ts')], {
      env: { ...process.env, ...testDb.env, SMTP_URL: mailbox.url, SITE_URL: SITE, MAIL_FROM: FROM, NEWSLETTER_RATE_PER_SECOND: '10000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ? null : code)));
    await mailbox.whenHanging(1);
    // Every message the server accepted is marked sent before the kill (this test is not about
    // the milliseconds between the two; see src/newsletter/sending.ts).
    const issueId = (await recentNewsletterSends(store.db, { editionId: ed.id }))[0]!.issueId;
    const sentRows = async () =>
      (await store.db.selectFrom('newsletter_sends').select('id').where('status', '=', 'sent').where('issue_id', '=', issueId).execute()).length;
    for (let tries = 0; (await sentRows()) < 15; tries++) {
      assert.ok(tries < 1500, 'the sender never marked the accepted messages');
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGKILL');
    assert.equal(await exited, null, stderr);
    assert.equal(mailbox.received.length - before, 15);

    mailbox.behaviour = {};
    // Rows the killed sender held come back once its lease has run out.
    const early = await send();
    const later = new Date(Date.now() + LEASE_MS + 1000).toISOString();
    const resumed = await send({ now: () => later });
    assert.equal(early.sent + resumed.sent, 25);
    for (const email of emails) assert.equal(countTo(email), 1, email);
  });

  it('marks an address bouncing on a permanent refusal (5xx) and sends it nothing more; retries a temporary one', async () => {
    const ed = await edition();
    await confirmed(ed, ['gone@example.org', 'fine@example.org']);
    await issue(ed);
    mailbox.behaviour = { refuse: /^gone@/ };
    const summary = await send();
    assert.equal(summary.bounced, 1);
    assert.equal(summary.sent, 1);
    const gone = (await findSubscriberByEmail(store.db, 'gone@example.org'))!;
    assert.equal(gone.status, 'bouncing');
    assert.match(gone.bounceReason!, /550|No such mailbox/);
    mailbox.behaviour = {};
    await issue(ed, '2026-11-03');
    await send();
    assert.equal(countTo('gone@example.org'), 0);
    assert.equal(countTo('fine@example.org'), 2);
    const report = (await recentNewsletterSends(store.db, { editionId: ed.id, limit: 2 })).at(-1)!;
    assert.deepEqual([report.sent, report.failed], [1, 1]);
    assert.ok(MAX_ATTEMPTS > 1);
  });

  it('keeps bots and floods out: honeypot, a limit per address and a limit per IP', async () => {
    const bot = await signUp({ email: 'bot@example.org', website: 'http://spam.example' });
    assert.equal(bot.statusCode, 200);
    assert.match(bot.body, /Check your inbox/);
    assert.equal(await findSubscriberByEmail(store.db, 'bot@example.org'), null);

    const answers = [];
    for (let i = 0; i < ADDRESS_LIMIT.limit + 2; i++) answers.push(await signUp({ email: 'flooded@example.org' }));
    for (const a of answers) assert.equal(a.statusCode, 200);
    assert.equal(new Set(answers.map((a) => a.body)).size, 1, 'the same answer every time');

    const ip = readerIp();
    for (let i = 0; i < IP_LIMIT.limit; i++) assert.equal((await signUp({ email: `ip-${i}@example.org` }, { ip })).statusCode, 200);
    const limited = await signUp({ email: 'ip-over@example.org' }, { ip });
    assert.equal(limited.statusCode, 429);
    assert.ok(Number(limited.headers['retry-after']) > 0);
    assert.equal(await findSubscriberByEmail(store.db, 'ip-over@example.org'), null);

    const handedTo = (address: string) => handed.filter((m) => m.to === address).length;
    assert.equal(handedTo('flooded@example.org'), ADDRESS_LIMIT.limit, 'no more mail to an address than its limit');
    assert.equal(handedTo('bot@example.org'), 0);
    assert.equal(handedTo('ip-over@example.org'), 0);
    await mailbox.nextTo('flooded@example.org');
  });

  it('answers the same whether or not the address is on the list (no probing), and changes nothing of a subscriber', async () => {
    const ed = await edition();
    await confirmed(ed, ['member@example.org'], ['health']);
    const member = await signUp({ email: 'member@example.org', editions: ['global'], sectors: [] });
    const stranger = await signUp({ email: 'stranger@example.org', editions: ['global'], sectors: [] });
    assert.equal(member.statusCode, stranger.statusCode);
    assert.equal(member.body, stranger.body);
    // Each gets one message: the stranger a confirmation link, the member a note with the preferences link.
    assert.match(linkIn(await mailbox.nextTo('stranger@example.org'), 'confirm'), /confirm/);
    const note = await mailbox.nextTo('member@example.org');
    linkIn(note, 'preferences');
    assert.doesNotMatch(note.text ?? '', /newsletter\/confirm/);
    const s = (await findSubscriberByEmail(store.db, 'member@example.org'))!;
    assert.deepEqual([s.status, s.editions, s.sectors], ['confirmed', [ed.slug], ['health']]);
  });

  it('takes the sign-up form only from this site, and says what is wrong with an address', async () => {
    const forged = await signUp({ email: 'forged@example.org' }, { origin: 'https://evil.example' });
    assert.equal(forged.statusCode, 403);
    assert.equal((await signUp({ email: 'no-origin@example.org' }, { origin: null })).statusCode, 403);
    const bad = await signUp({ email: 'not an address' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /not an email address/);
    assert.equal(await findSubscriberByEmail(store.db, 'forged@example.org'), null);
  });

  it('has a small sign-up form in every page footer, for the page edition', async () => {
    const front = await app.inject('/edition/south-asia');
    assert.match(front.body, /<form method="post" action="\/newsletter" class="footer-signup">/);
    assert.match(front.body, /<input type="hidden" name="editions" value="south-asia"/);
    assert.match(front.body, /name="website"/);
  });

  it('makes each edition\u2019s issue at the set local time, once', async () => {
    const south = (await directoryLoader(store.db).get()).editionBySlug.get('south-asia')!;
    // 07:05 in Kolkata is 01:35 UTC: due for South Asia, not for the UTC edition.
    const at = new Date(Date.UTC(2026, 10, 2, 1, 35));
    assert.equal(isDue(south, '07:00', at), true);
    assert.equal(isDue({ timeZone: 'UTC' }, '07:00', at), false);
    assert.equal(isDue(south, '07:00', new Date(Date.UTC(2026, 10, 2, 12, 0))), false, 'not in the evening');
    const directory = directoryLoader(store.db);
    const dir = await directory.get();
    directory.dispose();
    // reader.one@example.org (first test) takes South Asia. Its send time is set to a minute ago
    // in Kolkata, which is hours away from now in UTC, the other editions' zone.
    await addStory(store.db, { headline: 'South Asia Morning Story', edition: 'south-asia' });
    const now = new Date();
    const sendTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Kolkata', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
      new Date(now.getTime() - 60_000),
    );
    await updateNewsletterSettings(store.db, { enabled: false, sendTime }, testActor());
    assert.deepEqual(await createDueIssues(store.db, { dir, siteUrl: SITE, now }), [], 'nothing while digests are off');
    await updateNewsletterSettings(store.db, { enabled: true }, testActor());
    const first = await createDueIssues(store.db, { dir, siteUrl: SITE, now });
    assert.deepEqual(
      first.map((i) => i.editionId),
      [south.id],
    );
    assert.equal((await createDueIssues(store.db, { dir, siteUrl: SITE, now })).length, 0, 'made once');
    await send();
    const mail = mailbox.to('reader.one@example.org').at(-1)!;
    assert.match(mail.subject ?? '', /South Asia/);
    assert.match(mail.text ?? '', /South Asia Morning Story/);
  });

  it('counts confirmed subscribers per day for the audience dashboard', async () => {
    const series = await subscribersOverTime(store.db, { days: 30 });
    assert.equal(series.length, 30);
    assert.equal(series.at(-1)!.day, new Date().toISOString().slice(0, 10));
    const confirmedNow = Number(
      (
        await store.db
          .selectFrom('newsletter_subscribers')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('status', '=', 'confirmed')
          .executeTakeFirstOrThrow()
      ).n,
    );
    assert.equal(series.at(-1)!.confirmed, confirmedNow);
    assert.ok(series.at(-1)!.joined > 0 && series.at(-1)!.left > 0);
    assert.equal(series[0]!.confirmed, 0);
  });

  it('renders a digest that works in mail clients', () => {
    const message = renderDigest(content, { sectors: [], preferencesUrl: `${SITE}/p`, unsubscribeUrl: `${SITE}/u` });
    assert.doesNotMatch(message.html, /<script/i);
    for (const img of message.html.match(/<img [^>]*>/g) ?? []) {
      assert.match(img, /width="\d+"/);
      assert.match(img, /height="\d+"/);
      assert.match(img, /alt="/);
    }
    assert.match(message.text, /Unsubscribe: https:\/\/news\.example\.org\/u/);
  });

  it('shows images as JPEG (Outlook shows no WebP) and carries the postal address', async () => {
    fs.mkdirSync(path.join(testDb.dataDir, 'media', 'test'), { recursive: true });
    await sharp({ create: { width: 800, height: 450, channels: 3, background: '#2a6f97' } })
      .png()
      .toFile(path.join(testDb.dataDir, 'media', 'test', 'digest.png'));
    const photo = await createMedia(store.db, {
      file: 'test/digest.png',
      mimeType: 'image/png',
      width: 800,
      height: 450,
      altText: 'A blue field',
      caption: '',
      credit: 'Desk',
      digitalSourceType: 'digitalCapture',
    });
    await addStory(store.db, { headline: 'Digest Story With a Picture', heroMediaId: photo.id });
    await updateSiteSettings(store.db, { postalAddress: '12 Example Street\nSpringfield' }, testActor());
    const directory = directoryLoader(store.db);
    const dir = await directory.get();
    directory.dispose();
    const message = renderDigest(await composeDigest(store.db, { edition: dir.defaultEdition, dir, siteUrl: SITE }), {
      sectors: [],
      preferencesUrl: `${SITE}/p`,
      unsubscribeUrl: `${SITE}/u`,
    });
    const srcs = [...message.html.matchAll(/<img [^>]*src="([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(srcs.length > 0);
    for (const src of srcs) assert.match(src, /\.jpg$/, src);
    const jpeg = await app.inject(srcs[0]!.replace(SITE, ''));
    assert.equal(jpeg.statusCode, 200);
    assert.equal(jpeg.headers['content-type'], 'image/jpeg');
    assert.equal((await sharp(jpeg.rawPayload).metadata()).format, 'jpeg');
    assert.match(message.html, /12 Example Street, Springfield/);
    assert.match(message.text, /12 Example Street, Springfield/);
  });

  it('newsroom: editors preview and test the digest and set its time; admins export and delete subscribers', async () => {
    const editorUser = await deskUser(store.db, 'editor');
    const editor = await editorUser.session();
    const writer = await (await deskUser(store.db, 'writer')).session();
    const adminUser = await deskUser(store.db, 'admin');
    const admin = await adminUser.session();

    assert.equal((await get(app, '/newsroom/newsletter', writer)).statusCode, 403);
    const screen = await get(app, '/newsroom/newsletter', editor);
    assert.equal(screen.statusCode, 200);
    assert.doesNotMatch(screen.body, /subscribers\.csv/);
    const preview = await get(app, '/newsroom/newsletter/preview?edition=global', editor);
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /<table role="presentation"/);
    assert.match(preview.headers['content-security-policy'] as string, /style-src 'unsafe-inline'/);
    assert.match((await get(app, '/newsroom/newsletter/preview.txt?edition=global', editor)).body, /TOP STORIES/);

    const test = await post(app, '/newsroom/newsletter/test', { edition: 'global' }, editor);
    assert.equal(test.statusCode, 200);
    assert.match(test.body, /Test sent/);
    const testMail = await mailbox.nextTo(editorUser.email);
    assert.match(testMail.subject ?? '', /^\[Test\]/);
    assert.ok(testMail.html && testMail.text);

    assert.equal((await post(app, '/newsroom/newsletter/schedule', { sendTime: '25:00', enabled: '1' }, editor)).statusCode, 422);
    assert.equal((await post(app, '/newsroom/newsletter/schedule', { sendTime: '06:30', enabled: '1' }, editor)).statusCode, 200);
    assert.match((await get(app, '/newsroom/newsletter', editor)).body, /value="06:30"/);
    // An edition's own time, in its own zone; empty means the time for all.
    assert.equal(
      (await post(app, '/newsroom/newsletter/schedule', { sendTime: '06:30', enabled: '1', 'time-south-asia': '05:15', 'time-global': '' }, editor)).statusCode,
      200,
    );
    const schedule = await getNewsletterSettings(store.db);
    assert.deepEqual(schedule.editionTimes, { 'south-asia': '05:15' });
    assert.equal(sendTimeOf(schedule, { slug: 'south-asia' }), '05:15');
    assert.equal(sendTimeOf(schedule, { slug: 'global' }), '06:30');
    assert.equal(isDue({ timeZone: 'Asia/Kolkata' }, sendTimeOf(schedule, { slug: 'south-asia' }), new Date('2026-12-01T23:50:00Z')), true, '05:20 in Kolkata');
    assert.equal(isDue({ timeZone: 'UTC' }, sendTimeOf(schedule, { slug: 'global' }), new Date('2026-12-01T23:50:00Z')), false);
    assert.equal((await post(app, '/newsroom/newsletter/schedule', { sendTime: '06:30', enabled: '1', 'time-south-asia': '29:00' }, editor)).statusCode, 422);

    assert.equal((await get(app, '/newsroom/newsletter/subscribers.csv', editor)).statusCode, 403);
    const csv = await get(app, '/newsroom/newsletter/subscribers.csv', admin);
    assert.equal(csv.statusCode, 200);
    assert.match(csv.headers['content-type'] as string, /^text\/csv/);
    assert.match(csv.headers['content-disposition'] as string, /attachment/);
    assert.match(csv.body, /^id,email,status,editions,sectors,/);
    assert.match(csv.body, /,member@example\.org,confirmed,/);

    const member = (await findSubscriberByEmail(store.db, 'member@example.org'))!;
    assert.equal((await post(app, `/newsroom/newsletter/subscribers/${member.id}/delete`, {}, editor)).statusCode, 403);
    const deleted = await post(app, `/newsroom/newsletter/subscribers/${member.id}/delete`, {}, admin);
    assert.equal(deleted.statusCode, 303);
    assert.equal(await findSubscriberByEmail(store.db, 'member@example.org'), null);
    const list = await get(app, '/newsroom/newsletter/subscribers?q=stranger', admin);
    assert.match(list.body, /stranger@example\.org/);
    assert.doesNotMatch(list.body, /member@example\.org/);
  });
});
