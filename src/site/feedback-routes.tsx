import formbody from '@fastify/formbody';
import { formText as text } from '../util/form.js';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { checkFeedback, sameSitePath, submitFeedback, type Feedback } from '../audience/feedback.js';
import { ValidationError } from '../content/errors.js';
import { hitRateLimits, inHowLong, rateKey, type RateLimit } from '../content/rate-limits.js';
import { getSiteSettings } from '../content/settings.js';
import type { Config } from '../config.js';
import type { Store } from '../db/connect.js';
import { backgroundMail } from '../mail/background.js';
import { logFailure, referenceOf } from '../ops/failures.js';
import { deskUrls } from '../presentation/desk-urls.js';
import { sitePageHtml } from './page.js';
import { cameFromThisSite } from './origin.js';
import { absoluteUrl, feedbackPath, feedbackThanksPath } from '../presentation/urls.js';
import { FeedbackFormPage, FeedbackThanksPage, type FeedbackFormModel } from './views/feedback.js';
import { MessagePage } from './views/pages.js';

/*
 * The public feedback form: GET and POST /feedback, and /feedback/thanks after a message went in.
 *
 * Forgery: readers have no session and get no cookie here, so the form is protected by where it
 * comes from (cameFromThisSite), not by a token.
 *
 * Abuse: a hidden honeypot field (filled in: the sender is thanked and nothing is kept), bounded
 * sizes (a 128 KB body; name 100, email 254, message 5,000 characters) and at most
 * FEEDBACK_RATE_LIMITS messages per hour from one address and about one email address.
 */

export const FEEDBACK_RATE_LIMITS: Record<'address' | 'email', RateLimit> = {
  address: { limit: 5, windowMs: 3_600_000 },
  email: { limit: 3, windowMs: 3_600_000 },
};

/** The page a reader came from, when it is a page of this site: `?from=` first, else the Referer. */
function fromOf(request: FastifyRequest, siteUrl: string): string | null {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const explicit = sameSitePath(text(query.from, 600) || null);
  if (explicit) return explicit;
  const referer = request.headers.referer;
  if (!referer) return null;
  try {
    const url = new URL(referer);
    if (url.origin !== new URL(siteUrl).origin && url.host !== request.headers.host) return null;
    return sameSitePath(url.pathname + url.search);
  } catch {
    return null;
  }
}

export const feedbackRoutes: FastifyPluginAsync<{ config: Config; store: Store }> = async (app, { config, store }) => {
  const db = store.db;
  const directory = app.directory;
  const assets = app.assets;
  const mail = backgroundMail(app.mailer, app.log);
  app.addHook('onClose', async () => {
    await mail.settle();
  });
  // Forms only here; generous enough for 5,000 characters of any script, percent-encoded.
  await app.register(formbody, { bodyLimit: 128 * 1024 });

  async function page(reply: FastifyReply, title: string, body: JSX.Element, status = 200) {
    const dir = await directory.get();
    const meta = {
      title,
      description: `${title}: write to the ${dir.settings.siteName} newsroom.`,
      canonical: absoluteUrl(config.siteUrl, feedbackPath),
      noindex: true,
    };
    const html = sitePageHtml(dir, dir.defaultEdition, meta, body, { stylesheet: assets.stylesheet, siteUrl: config.siteUrl });
    // The form may be filled from the reader's Referer: never kept by a shared cache.
    return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  }

  const form = (reply: FastifyReply, model: FeedbackFormModel, status = 200) => page(reply, 'Give Feedback', <FeedbackFormPage model={model} />, status);

  app.get(feedbackPath, async (request, reply) =>
    form(reply, { values: { name: '', email: '', message: '' }, from: fromOf(request, config.siteUrl), errors: [] }),
  );

  app.get(feedbackThanksPath, async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    return page(reply, 'Thank you', <FeedbackThanksPage back={sameSitePath(text(query.from, 600) || null)} />);
  });

  app.post(feedbackPath, async (request, reply) => {
    const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
    const values = { name: text(body.name, 1000), email: text(body.email, 1000), message: text(body.message, 20_000) };
    const from = sameSitePath(text(body.from, 600) || null);
    const thanks = () => reply.redirect(from ? `${feedbackThanksPath}?from=${encodeURIComponent(from)}` : feedbackThanksPath, 303);
    const again = (errors: string[], status: number) => form(reply, { values, from, errors }, status);

    if (!cameFromThisSite(request, config.siteUrl)) {
      return again(['This form did not come from our site, so nothing was sent. Reload the page and send it again.'], 403);
    }
    if (text(body.website, 1000) !== '') {
      request.log.info('feedback: honeypot field filled in; nothing kept');
      return thanks();
    }
    let saved: Feedback;
    try {
      // Validate before counting, so that fixing a mistake does not use up a reader's allowance.
      const checked = checkFeedback({ ...values, fromPath: from });
      const decision = await hitRateLimits(db, [
        { key: rateKey('feedback', 'address', request.ip), limit: FEEDBACK_RATE_LIMITS.address },
        { key: rateKey('feedback', 'email', checked.email), limit: FEEDBACK_RATE_LIMITS.email },
      ]);
      if (!decision.allowed) {
        reply.header('retry-after', String(decision.retryAfterSeconds));
        return again([`We have received several messages from you in a short time. Please try again ${inHowLong(decision.retryAfterSeconds)}.`], 429);
      }
      saved = await submitFeedback(db, { ...values, fromPath: from });
    } catch (error) {
      if (error instanceof ValidationError) return again(error.problems, 422);
      throw error;
    }
    await notify(saved, request);
    return thanks();
  });

  /** Tells the contact address, when the site has one; never holds up or fails the reader's answer. */
  async function notify(f: Feedback, request: FastifyRequest) {
    try {
      const settings = await getSiteSettings(db);
      if (!settings.contactEmail) return;
      const lines = [
        `${f.name || 'A reader'} <${f.email}> wrote${f.fromPath ? ` about ${absoluteUrl(config.siteUrl, f.fromPath)}` : ''}:`,
        '',
        f.message,
        '',
        `Feedback inbox: ${absoluteUrl(config.siteUrl, deskUrls.feedback())}`,
      ];
      mail.send(
        {
          to: settings.contactEmail,
          subject: `Feedback from ${(f.name || f.email).slice(0, 80)}`,
          text: lines.join('\n'),
          replyTo: f.email,
        },
        `feedback ${f.id} notice`,
      );
    } catch (error) {
      request.log.error({ err: error, feedback: f.id }, 'feedback notice not sent');
    }
  }

  app.setErrorHandler(async (error, request, reply) => {
    const status = logFailure(request, error, 'feedback request failed', reply);
    const message =
      status === 413
        ? 'Your message is too long to be sent. Shorten it and send it again.'
        : status >= 500
          ? `Your message could not be sent because of a problem on our side. Please try again in a moment. ${referenceOf(request)}`
          : 'The form could not be read. Reload the page and send it again.';
    return page(
      reply,
      'Feedback not sent',
      <MessagePage title="Feedback not sent" message={message} links={[{ label: 'Back to the form', href: feedbackPath }]} />,
      status,
    ).catch(() => reply.code(status).type('text/plain').send(message));
  });
};
