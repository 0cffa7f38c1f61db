import formbody from '@fastify/formbody';
import { formText as text, formList as list } from '../util/form.js';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../content/errors.js';
import { inHowLong } from '../content/rate-limits.js';
import type { Config } from '../config.js';
import type { Store } from '../db/connect.js';
import { backgroundMail } from '../mail/background.js';
import { signUp } from '../newsletter/signup.js';
import { confirmSubscription, getSubscriber, resubscribe, unsubscribe, updatePreferences, type Subscriber } from '../newsletter/subscribers.js';
import { newsletterSecret, verifyLink, type LinkPurpose } from '../newsletter/tokens.js';
import { logFailure, referenceOf } from '../ops/failures.js';
import type { Directory } from '../content/directory.js';
import { cameFromThisSite } from './origin.js';
import { sitePageHtml } from './page.js';
import { absoluteUrl, newsletterPath } from '../presentation/urls.js';
import { ButtonPage, NewsletterSignUpPage, PreferencesPage, type Choice, type SignUpModel } from './views/newsletter.js';
import { MessagePage } from './views/pages.js';

/*
 * The newsletter's public pages.
 *
 *   GET/POST /newsletter               the sign-up form (also posted to by the footer's small form)
 *   GET/POST /newsletter/confirm       ?t= confirmation link: a page with a button; the POST confirms
 *   GET/POST /newsletter/unsubscribe   ?t= a page with a button; the POST unsubscribes, and is also
 *                                      the RFC 8058 one-click target of List-Unsubscribe
 *   GET/POST /newsletter/preferences   ?t= editions and sectors, unsubscribe, subscribe again
 *
 * Forgery: the sign-up form carries no secret, so like the feedback form it is taken only from a
 * page of this site (Origin, else Referer, must be this site; Sec-Fetch-Site, when sent, must say
 * same-origin): no cookie, so the pages stay cacheable. Every other POST is authorised by the
 * signed link it carries (HMAC, expiring), which a page elsewhere cannot know; the one-click
 * unsubscription in particular comes from mail providers' servers, without Origin or cookies
 * (RFC 8058), and must work so. Links in mail only show a page: scanners that open links change
 * nothing; a person presses the button.
 */

export const newsletterRoutes: FastifyPluginAsync<{ config: Config; store: Store }> = async (app, { config, store }) => {
  const db = store.db;
  const directory = app.directory;
  const assets = app.assets;
  const mail = backgroundMail(app.mailer, app.log);
  app.addHook('onClose', async () => {
    await mail.settle();
  });
  await app.register(formbody, { bodyLimit: 32 * 1024 });
  // RFC 8058 lets the one-click POST come as multipart/form-data too; its body says nothing the link does not.
  app.addContentTypeParser('multipart/form-data', { parseAs: 'string', bodyLimit: 32 * 1024 }, (_request, _body, done) => done(null, {}));

  async function page(reply: FastifyReply, title: string, body: JSX.Element, status = 200) {
    const dir = await directory.get();
    const meta = {
      title,
      description: `${title}: the ${dir.settings.siteName} daily digest by email.`,
      canonical: absoluteUrl(config.siteUrl, newsletterPath),
      noindex: true,
    };
    const html = sitePageHtml(dir, dir.defaultEdition, meta, body, { stylesheet: assets.stylesheet, siteUrl: config.siteUrl });
    // Pages with signed links, or an address typed in, are never kept by a shared cache.
    return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').header('x-robots-tag', 'noindex').send(html);
  }

  const message = (reply: FastifyReply, title: string, text: string, status = 200, links = [{ label: 'Front page', href: '/' }]) =>
    page(reply, title, <MessagePage title={title} message={text} links={links} />, status);

  const choicesOf = (dir: Directory, editions: string[], sectors: string[]): { editions: Choice[]; sectors: Choice[] } => ({
    editions: dir.editions.map((e) => ({ value: e.slug, label: e.name, checked: editions.includes(e.slug) })),
    sectors: dir.sectors.map((s) => ({ value: s.slug, label: s.name, checked: sectors.includes(s.slug) })),
  });

  async function signUpForm(reply: FastifyReply, values: { email: string; editions: string[]; sectors: string[] }, errors: string[] = [], status = 200) {
    const dir = await directory.get();
    const model: SignUpModel = {
      email: values.email,
      ...choicesOf(dir, values.editions.length ? values.editions : [dir.defaultEdition.slug], values.sectors),
      errors,
    };
    return page(reply, 'Subscribe to our Newsletter', <NewsletterSignUpPage model={model} siteName={dir.settings.siteName} />, status);
  }

  /** The subscriber a signed link names, or an answer saying the link does not work. */
  async function fromLink(
    request: FastifyRequest,
    reply: FastifyReply,
    purpose: LinkPurpose,
  ): Promise<{ subscriber: Subscriber; token: string } | { answered: FastifyReply }> {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
    const token = text(body.t, 200) || text(query.t, 200);
    const check = verifyLink(await newsletterSecret(db), purpose, token);
    const subscriber = check.ok ? await getSubscriber(db, check.subscriberId) : null;
    if (check.ok && subscriber) return { subscriber, token };
    const expired = check.ok === false && check.reason === 'expired';
    const title = expired ? 'This link has expired' : 'This link does not work';
    const why =
      purpose === 'confirm'
        ? `${expired ? 'Confirmation links work for 48 hours.' : 'The link may be incomplete, or the subscription was deleted.'} Sign up again and we will send a new one.`
        : 'The link may be incomplete or too old, or the subscription was deleted. Unsubscribe links in recent emails work; or sign up again.';
    return {
      answered: await message(reply, title, why, expired ? 410 : 400, [
        { label: 'Subscribe', href: newsletterPath },
        { label: 'Front page', href: '/' },
      ]),
    };
  }

  app.get(newsletterPath, async (_request, reply) => signUpForm(reply, { email: '', editions: [], sectors: [] }));

  app.post(newsletterPath, async (request, reply) => {
    const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
    const values = { email: text(body.email, 1000).trim(), editions: list(body.editions), sectors: list(body.sectors) };
    if (!cameFromThisSite(request, config.siteUrl)) {
      return signUpForm(reply, values, ['This form did not come from our site, so nothing was done. Reload the page and send it again.'], 403);
    }
    const dir = await directory.get();
    try {
      const result = await signUp(
        { db, siteUrl: config.siteUrl, siteName: dir.settings.siteName, send: (m) => mail.send(m, 'newsletter sign-up') },
        { ...values, honeypot: text(body.website), ip: request.ip },
      );
      if (result.kind === 'ip-limited') {
        reply.header('retry-after', String(result.retryAfterSeconds));
        return signUpForm(
          reply,
          values,
          [`We have received several sign-ups from your network in a short time. Please try again ${inHowLong(result.retryAfterSeconds)}.`],
          429,
        );
      }
    } catch (error) {
      if (error instanceof ValidationError)
        return signUpForm(
          reply,
          values,
          error.problems.map((p) => p.replace(/^email: /, 'Your email ')),
          422,
        );
      throw error;
    }
    // The same answer whether the address was new, waiting, subscribed or limited.
    return message(
      reply,
      'Check your inbox',
      'If this address can receive our newsletter, we have sent it an email. To start receiving the digest, open the link in it within 48 hours. Nothing more is sent until then.',
    );
  });

  app.get(`${newsletterPath}/confirm`, async (request, reply) => {
    const found = await fromLink(request, reply, 'confirm');
    if ('answered' in found) return found.answered;
    return page(
      reply,
      'Confirm your subscription',
      <ButtonPage
        title="Confirm your subscription"
        message={`Press the button to start receiving the daily digest at ${found.subscriber.email}.`}
        action={`${newsletterPath}/confirm`}
        token={found.token}
        button="Confirm my subscription"
      />,
    );
  });

  app.post(`${newsletterPath}/confirm`, async (request, reply) => {
    const found = await fromLink(request, reply, 'confirm');
    if ('answered' in found) return found.answered;
    const confirmed = await confirmSubscription(db, found.subscriber.id);
    if (!confirmed) {
      return message(
        reply,
        'This link no longer works',
        'This address was unsubscribed after the link was sent. Sign up again and we will send a new one.',
        410,
        [{ label: 'Subscribe', href: newsletterPath }],
      );
    }
    return message(
      reply,
      'You are subscribed',
      `Thank you: the daily digest will come to ${confirmed.email}. Every email has links to change your editions and sectors or to unsubscribe.`,
    );
  });

  app.get(`${newsletterPath}/unsubscribe`, async (request, reply) => {
    const found = await fromLink(request, reply, 'manage');
    if ('answered' in found) return found.answered;
    if (found.subscriber.status === 'unsubscribed') return message(reply, 'You are unsubscribed', `We send nothing more to ${found.subscriber.email}.`);
    return page(
      reply,
      'Unsubscribe',
      <ButtonPage
        title="Unsubscribe"
        message={`Press the button and we send nothing more to ${found.subscriber.email}.`}
        action={`${newsletterPath}/unsubscribe`}
        token={found.token}
        button="Unsubscribe"
      />,
    );
  });

  // The one-click target (RFC 8058): the token is in the address; the body says List-Unsubscribe=One-Click.
  app.post(`${newsletterPath}/unsubscribe`, async (request, reply) => {
    const found = await fromLink(request, reply, 'manage');
    if ('answered' in found) return found.answered;
    await unsubscribe(db, found.subscriber.id);
    return message(reply, 'You are unsubscribed', `We send nothing more to ${found.subscriber.email}. Changed your mind? Subscribe again at any time.`, 200, [
      { label: 'Subscribe again', href: newsletterPath },
      { label: 'Front page', href: '/' },
    ]);
  });

  async function preferencesPage(
    reply: FastifyReply,
    subscriber: Subscriber,
    token: string,
    extra: { saved?: boolean; errors?: string[]; status?: number } = {},
  ) {
    const dir = await directory.get();
    return page(
      reply,
      'Your newsletter',
      <PreferencesPage
        model={{
          token,
          email: subscriber.email,
          status: subscriber.status,
          ...choicesOf(dir, subscriber.editions, subscriber.sectors),
          saved: extra.saved ?? false,
          errors: extra.errors ?? [],
        }}
      />,
      extra.status,
    );
  }

  app.get(`${newsletterPath}/preferences`, async (request, reply) => {
    const found = await fromLink(request, reply, 'manage');
    if ('answered' in found) return found.answered;
    return preferencesPage(reply, found.subscriber, found.token);
  });

  app.post(`${newsletterPath}/preferences`, async (request, reply) => {
    const found = await fromLink(request, reply, 'manage');
    if ('answered' in found) return found.answered;
    const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
    try {
      let subscriber = await updatePreferences(db, found.subscriber.id, { editions: list(body.editions), sectors: list(body.sectors) });
      // Saving from a signed link proves the mailbox: an address that had left is subscribed again.
      if (subscriber && subscriber.status !== 'confirmed') subscriber = await resubscribe(db, subscriber.id);
      return preferencesPage(reply, subscriber ?? found.subscriber, found.token, { saved: true });
    } catch (error) {
      if (error instanceof ValidationError) return preferencesPage(reply, found.subscriber, found.token, { errors: error.problems, status: 422 });
      throw error;
    }
  });

  app.setErrorHandler(async (error, request, reply) => {
    const status = logFailure(request, error, 'newsletter request failed', reply);
    const text =
      status >= 500
        ? `This could not be done because of a problem on our side. Please try again in a moment. ${referenceOf(request)}`
        : 'The form could not be read. Reload the page and try again.';
    return message(reply, 'Not done', text, status, [{ label: 'Newsletter', href: newsletterPath }]).catch(() =>
      reply.code(status).type('text/plain').send(text),
    );
  });
};
