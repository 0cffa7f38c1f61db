import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { getFeedback, listFeedback, submitFeedback } from '../../src/audience/feedback.js';
import { updateSiteSettings } from '../../src/content/settings.js';
import type { Store } from '../../src/db/connect.js';
import type { MailMessage } from '../../src/mail/mailer.js';
import { FEEDBACK_RATE_LIMITS } from '../../src/site/feedback-routes.js';
import { articlePath } from '../../src/presentation/urls.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { addStory, testActor } from '../helpers/fixtures.js';
import { appWithMail, startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { deskUser, get, post, type DeskUser } from '../newsroom/desk.js';
import { openSuite } from '../helpers/suite.js';

const SITE = 'https://news.example.org';
let nextIp = 1;
/** A reader at an address of their own (so that tests do not share a rate limit). */
const reader = () => `198.51.100.${nextIp++}`;

/** Sends the public form as a browser on this site would (Origin header), from `ip`. */
function send(app: FastifyInstance, fields: Record<string, string>, options: { ip?: string; headers?: Record<string, string> } = {}) {
  return app.inject({
    method: 'POST',
    url: '/feedback',
    remoteAddress: options.ip ?? reader(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: SITE, 'sec-fetch-site': 'same-origin', ...options.headers },
    payload: new URLSearchParams(fields).toString(),
  });
}

const unescape = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
const textareaOf = (html: string) => unescape(/<textarea[^>]*>([\s\S]*?)<\/textarea>/.exec(html)?.[1] ?? '');
const fromFieldOf = (html: string) => /name="from" value="([^"]*)"/.exec(html)?.[1] ?? null;

describeEachDatabase('feedback form and inbox', (testDb) => {
  let store: Store;
  let smtp: TestSmtp;
  let app: FastifyInstance;
  let sent: MailMessage[];
  let editor: DeskUser;
  let writer: DeskUser;

  before(async () => {
    ({ store } = await openSuite(testDb));
    smtp = await startSmtp({ refuse: /^bounce@/ });
    ({ app, sent } = await appWithMail(testDb, store, smtp.url));
    editor = await deskUser(store.db, 'editor');
    writer = await deskUser(store.db, 'writer');
  });
  after(async () => {
    await app.close();
    await smtp.close();
  });

  it('is linked from the footer and from each article, which passes its own address along', async () => {
    const article = await addStory(store.db, {});
    const page = await app.inject(articlePath(article));
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<a href="\/feedback">Give Feedback<\/a>/);
    const href = /<a href="([^"]+)">Give feedback on this story<\/a>/.exec(page.body)?.[1];
    assert.equal(unescape(href ?? ''), `/feedback?from=${encodeURIComponent(articlePath(article))}`);
    const form = await app.inject(unescape(href!));
    assert.equal(form.statusCode, 200);
    assert.equal(fromFieldOf(form.body), articlePath(article));
    assert.match(form.body, /<form method="post" action="\/feedback"/);
    assert.equal(form.headers['cache-control'], 'no-store');
    assert.equal(form.headers['set-cookie'], undefined, 'readers get no cookie');
  });

  it('takes the page from the Referer when it is this site, and drops other sites and the newsroom', async () => {
    const fromReferer = (referer: string) => app.inject({ url: '/feedback', headers: { referer } }).then((r) => fromFieldOf(r.body));
    assert.equal(await fromReferer(`${SITE}/sector/health?before=abc`), '/sector/health?before=abc');
    assert.equal(await fromReferer('https://evil.example/sector/health'), null);
    assert.equal(await fromReferer(`${SITE}/newsroom/users`), null);
    assert.equal(fromFieldOf((await app.inject('/feedback?from=https%3A%2F%2Fevil.example%2F')).body), null);
    assert.equal(fromFieldOf((await app.inject('/feedback?from=%2F%2Fevil.example')).body), null);
  });

  it('stores a message and thanks the reader, with a way back to the page', async () => {
    const res = await send(app, { name: 'Ravi', email: 'ravi@example.org', message: 'The map in this story is wrong.', from: '/article/1-x' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/feedback/thanks?from=${encodeURIComponent('/article/1-x')}`);
    const [stored] = (await listFeedback(store.db, { limit: 1 })).items;
    assert.equal(stored?.message, 'The map in this story is wrong.');
    assert.equal(stored?.fromPath, '/article/1-x');
    assert.equal(stored?.status, 'unread');
    const thanks = await app.inject(res.headers.location as string);
    assert.equal(thanks.statusCode, 200);
    assert.match(thanks.body, /Thank you/);
    assert.match(thanks.body, /<a href="\/article\/1-x">Back to the page you were reading<\/a>/);
  });

  it('keeps the message and says what is wrong when a field is not right', async () => {
    const before = (await listFeedback(store.db, { view: 'all', limit: 200 })).items.length;
    const message = 'A long thought about <b>your</b> "coverage" & more.';
    const res = await send(app, { name: 'Mira', email: 'not an email', message, from: '/article/2-y' });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Enter an email address like name@example\.org\./);
    assert.equal(textareaOf(res.body), message, 'the message is kept');
    assert.doesNotMatch(res.body, /<b>your<\/b>/, 'and escaped');
    assert.match(res.body, /value="Mira"/);
    assert.equal(fromFieldOf(res.body), '/article/2-y');
    const tooLong = await send(app, { email: 'mira@example.org', message: 'z'.repeat(5001) });
    assert.equal(tooLong.statusCode, 422);
    assert.match(tooLong.body, /at most 5000 characters/);
    assert.equal((await listFeedback(store.db, { view: 'all', limit: 200 })).items.length, before);
    const huge = await send(app, { email: 'mira@example.org', message: 'z'.repeat(200_000) });
    assert.equal(huge.statusCode, 413);
    assert.match(huge.body, /too long/);
  });

  it('thanks software that fills in the hidden field, and keeps nothing', async () => {
    const before = (await listFeedback(store.db, { view: 'all', limit: 200 })).items.length;
    const res = await send(app, { email: 'bot@example.org', message: 'Buy now', website: 'http://spam.example' });
    assert.equal(res.statusCode, 303);
    assert.equal((await listFeedback(store.db, { view: 'all', limit: 200 })).items.length, before);
  });

  it('refuses a form sent from another site (Origin, Referer, Sec-Fetch-Site), keeping the message', async () => {
    const before = (await listFeedback(store.db, { view: 'all', limit: 200 })).items.length;
    const fields = { email: 'x@example.org', message: 'Forged' };
    const crossSite = await send(app, fields, { headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } });
    assert.equal(crossSite.statusCode, 403);
    assert.equal(textareaOf(crossSite.body), 'Forged');
    assert.equal((await send(app, fields, { headers: { origin: 'https://evil.example', 'sec-fetch-site': '' } })).statusCode, 403);
    const noHeaders = await app.inject({
      method: 'POST',
      url: '/feedback',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });
    assert.equal(noHeaders.statusCode, 403);
    const lyingFetchSite = await send(app, fields, { headers: { 'sec-fetch-site': 'same-site' } });
    assert.equal(lyingFetchSite.statusCode, 403);
    assert.equal((await listFeedback(store.db, { view: 'all', limit: 200 })).items.length, before);
    // A browser that sends only a Referer from this site is fine.
    const refererOnly = await app.inject({
      method: 'POST',
      url: '/feedback',
      remoteAddress: reader(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', referer: `${SITE}/feedback` },
      payload: new URLSearchParams(fields).toString(),
    });
    assert.equal(refererOnly.statusCode, 303);
    // Chromium under a strict referrer policy: Origin "null", no Referer, and Fetch Metadata saying same-origin.
    const fetchMetadataOnly = await app.inject({
      method: 'POST',
      url: '/feedback',
      remoteAddress: reader(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'null', 'sec-fetch-site': 'same-origin' },
      payload: new URLSearchParams(fields).toString(),
    });
    assert.equal(fetchMetadataOnly.statusCode, 303);
  });

  it('limits messages per address and per email address, keeping the message', async () => {
    const ip = reader();
    for (let i = 0; i < FEEDBACK_RATE_LIMITS.address.limit; i++) {
      assert.equal((await send(app, { email: `many${i}@example.org`, message: `Note ${i}` }, { ip })).statusCode, 303);
    }
    const over = await send(app, { email: 'one-more@example.org', message: 'One more note' }, { ip });
    assert.equal(over.statusCode, 429);
    assert.ok(Number(over.headers['retry-after']) > 0);
    assert.match(over.body, /try again in/);
    assert.equal(textareaOf(over.body), 'One more note');
    assert.equal((await send(app, { email: 'one-more@example.org', message: 'From elsewhere' })).statusCode, 303, 'another address may write');

    for (let i = 0; i < FEEDBACK_RATE_LIMITS.email.limit; i++) {
      assert.equal((await send(app, { email: 'Chatty@example.org', message: `Note ${i}` })).statusCode, 303);
    }
    assert.equal((await send(app, { email: 'chatty@example.org', message: 'And another' })).statusCode, 429, 'the same email from a new address');
  });

  it('tells the contact address by mail after storing the message; a refused mail does not fail the reader', async () => {
    await updateSiteSettings(store.db, { contactEmail: 'desk@example.org' }, testActor());
    const before = smtp.received.length;
    const res = await send(app, { name: 'Lena', email: 'lena@example.org', message: 'Thanks for the water story.', from: '/article/3-z' });
    assert.equal(res.statusCode, 303);
    const mail = (await smtp.waitFor(before + 1)).at(-1)!;
    assert.equal(mail.to && !Array.isArray(mail.to) ? mail.to.text : '', 'desk@example.org');
    assert.equal(mail.replyTo?.text, 'lena@example.org');
    assert.match(mail.text ?? '', /Thanks for the water story\./);
    assert.match(mail.text ?? '', /https:\/\/news\.example\.org\/article\/3-z/);
    assert.match(mail.text ?? '', /https:\/\/news\.example\.org\/newsroom\/feedback/);

    // The server refuses the recipient: the message is still stored and the reader thanked.
    await updateSiteSettings(store.db, { contactEmail: 'bounce@example.org' }, testActor());
    const count = sent.length;
    const refused = await send(app, { email: 'kim@example.org', message: 'Still kept.' });
    assert.equal(refused.statusCode, 303);
    assert.equal(sent.length, count + 1, 'a notice was attempted');
    assert.equal((await listFeedback(store.db, { limit: 1 })).items[0]?.message, 'Still kept.');

    // No contact address: no mail.
    await updateSiteSettings(store.db, { contactEmail: '' }, testActor());
    const quiet = sent.length;
    assert.equal((await send(app, { email: 'kim@example.org', message: 'No notice.' })).statusCode, 303);
    assert.equal(sent.length, quiet);
  });

  it('shows admins and editors the inbox newest first, with the page link, and lets them mark read and archive', async () => {
    const older = await submitFeedback(store.db, {
      name: 'Older',
      email: 'old@example.org',
      message: 'First\n\nSecond <script>x</script>',
      fromPath: '/article/9-q',
    });
    const newer = await submitFeedback(store.db, { name: 'Newer', email: 'new@example.org', message: 'Later one' });
    const session = await editor.session();
    const page = await get(app, '/newsroom/feedback', session);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.indexOf('Newer') < page.body.indexOf('Older'), 'newest first');
    assert.match(page.body, /<a href="\/article\/9-q">\/article\/9-q<\/a>/);
    assert.doesNotMatch(page.body, /<script>x<\/script>/);
    assert.match(page.body, /Second &lt;script>x&lt;\/script>/);
    assert.match((await get(app, '/newsroom', session)).body, /href="\/newsroom\/feedback"/, 'linked from the newsroom menu');

    assert.equal((await post(app, `/newsroom/feedback/${older.id}/read`, { view: 'unread' }, session)).headers.location, '/newsroom/feedback?view=unread');
    assert.equal((await getFeedback(store.db, older.id))?.status, 'read');
    assert.doesNotMatch((await get(app, '/newsroom/feedback?view=unread', session)).body, /old@example\.org/);
    await post(app, `/newsroom/feedback/${newer.id}/archive`, {}, session);
    assert.equal((await getFeedback(store.db, newer.id))?.status, 'archived');
    assert.doesNotMatch((await get(app, '/newsroom/feedback', session)).body, /new@example\.org/, 'archived mail leaves the inbox');
    assert.match((await get(app, '/newsroom/feedback?view=archived', session)).body, /new@example\.org/);
    await post(app, `/newsroom/feedback/${newer.id}/restore`, {}, session);
    assert.equal((await getFeedback(store.db, newer.id))?.status, 'read');
    assert.equal((await post(app, `/newsroom/feedback/${older.id}/archive`, {}, session, false)).statusCode, 403, 'CSRF token required');
    assert.equal((await getFeedback(store.db, older.id))?.status, 'read');

    const writerSession = await writer.session();
    assert.equal((await get(app, '/newsroom/feedback', writerSession)).statusCode, 403);
    assert.equal((await post(app, `/newsroom/feedback/${older.id}/archive`, {}, writerSession)).statusCode, 403);
    assert.doesNotMatch((await get(app, '/newsroom', writerSession)).body, /href="\/newsroom\/feedback"/);
  });
});
