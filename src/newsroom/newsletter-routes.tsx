import { Readable } from 'node:stream';
import { z } from 'zod';
import { NotFoundError } from '../content/errors.js';
import { composeDigest, renderDigest } from '../newsletter/digest.js';
import { getNewsletterSettings, updateNewsletterSettings } from '../newsletter/schedule.js';
import { recentNewsletterSends } from '../newsletter/sending.js';
import {
  countSubscribersByStatus,
  deleteSubscriber,
  exportSubscribersCsv,
  getSubscriber,
  listSubscribers,
  subscriberStatuses,
} from '../newsletter/subscribers.js';
import type { Directory } from '../content/directory.js';
import { bylineTime } from '../presentation/format.js';
import { newsletterPath } from '../presentation/urls.js';
import { actorOf, get, page, post, redirect, type Desk, type DeskContext, type DeskRoute } from './desk.js';
import { choice, idParams, optionalId, text, ticked } from './desk-input.js';
import { NewsletterPage, SubscribersPage } from './newsletter-views.js';
import { can } from './permissions.js';
import { deskUrls } from '../presentation/desk-urls.js';

/**
 * The newsroom's newsletter screens: `/newsroom/newsletter` (editors and admins: the schedule,
 * preview and test of the digest, recent issues) and `/newsroom/newsletter/subscribers` (admins:
 * list, CSV export, deletion on request).
 */

const editionChoice = z.object({ edition: text() });
const scheduleFields = z.looseObject({ sendTime: text().transform((t) => t.trim().slice(0, 5)), enabled: ticked });
const subscriberQuery = z.object({ status: choice(subscriberStatuses, undefined), q: text(254), before: optionalId, deleted: text() });

/** The time each edition has of its own; an edition left empty follows the time for all. */
const editionTimesOf = (form: Record<string, unknown>, dir: Directory) =>
  Object.fromEntries(
    dir.editions.flatMap((e) => {
      const t = text().parse(form[`time-${e.slug}`]).trim().slice(0, 5);
      return t ? [[e.slug, t]] : [];
    }),
  );

export function newsletterRoutes({ db, config, app }: Desk): DeskRoute[] {
  const mailer = app.mailer;

  async function newsletterPage(ctx: DeskContext, options: { errors?: string[]; notice?: string } = {}) {
    const { dir } = ctx;
    const role = ctx.session.user.role;
    const [counts, settings, issues] = await Promise.all([countSubscribersByStatus(db), getNewsletterSettings(db), recentNewsletterSends(db, { limit: 20 })]);
    const times = dir.editions.map((e) => ({ slug: e.slug, name: e.name, timeZone: e.timeZone, time: settings.editionTimes[e.slug] ?? '' }));
    return page(
      'Newsletter',
      <NewsletterPage
        model={{
          counts,
          schedule: can(role, 'newsletter.schedule') ? { ...settings, editions: times } : null,
          editions: dir.editions.map((e) => ({ value: e.slug, label: `${e.name} (${e.timeZone})` })),
          issues: issues.map((i) => ({
            created: bylineTime(i.createdAt, dir.defaultEdition),
            edition: i.edition.name,
            issueDate: i.issueDate,
            subject: i.subject,
            status: i.status === 'done' ? 'sent' : 'sending',
            recipients: i.recipients,
            sent: i.sent,
            failed: i.failed,
            pending: i.pending,
          })),
          csrfToken: ctx.session.csrfToken,
          errors: options.errors ?? [],
          notice: options.notice ?? null,
          testAddress: ctx.session.user.email,
          canManage: can(role, 'newsletter.manage'),
        }}
      />,
    );
  }

  /** The digest of the edition named (else the default), as it would go out now. */
  async function digestFor(dir: Directory, slug: string, test: boolean) {
    const edition = dir.editionBySlug.get(slug) ?? dir.defaultEdition;
    const content = await composeDigest(db, { edition, dir, siteUrl: config.siteUrl, halfLifeHours: config.trendingHalfLifeHours });
    const placeholder = `${config.siteUrl}${newsletterPath}`;
    return renderDigest(content, { sectors: dir.sectors.map((s) => s.slug), preferencesUrl: placeholder, unsubscribeUrl: placeholder, test });
  }

  // The message as a mail client gets it: inline styles, images from the site; nothing else.
  const previewPolicy = `default-src 'none'; img-src ${new URL(config.siteUrl).origin} https: data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'`;
  const preview = (path: { pattern: string }, type: string, part: 'html' | 'text') =>
    get(path, 'newsletter.preview', {
      input: { query: editionChoice },
      handler: async (ctx, { query }) =>
        ctx.reply
          .code(200)
          .header('cache-control', 'no-store')
          .header('x-robots-tag', 'noindex')
          .header('content-security-policy', previewPolicy)
          .type(type)
          .send((await digestFor(ctx.dir, query.edition, false))[part]),
    });

  return [
    get(deskUrls.newsletter, 'newsletter.preview', { handler: async (ctx) => newsletterPage(ctx) }),
    preview(deskUrls.newsletterPreview, 'text/html; charset=utf-8', 'html'),
    preview(deskUrls.newsletterPreviewText, 'text/plain; charset=utf-8', 'text'),
    post(deskUrls.newsletterTest, 'newsletter.preview', {
      input: { form: editionChoice },
      handler: async (ctx, { form }) => {
        const message = await digestFor(ctx.dir, form.edition, true);
        const to = ctx.session.user.email;
        try {
          await mailer.send({ to, subject: message.subject, text: message.text, html: message.html });
        } catch (error) {
          ctx.request.log.error({ err: error }, 'newsletter test not sent');
          return { ...(await newsletterPage(ctx, { errors: [`The test could not be sent: ${(error as Error).message}`] })), status: 502 };
        }
        return newsletterPage(ctx, { notice: `Test sent to ${to}${mailer.kind === 'outbox' ? ' (written to the outbox folder: SMTP_URL is not set)' : ''}.` });
      },
    }),
    post(deskUrls.newsletterSchedule, 'newsletter.schedule', {
      input: { form: scheduleFields },
      handler: async (ctx, { form }) => {
        const saved = await updateNewsletterSettings(
          db,
          { sendTime: form.sendTime, enabled: form.enabled, editionTimes: editionTimesOf(form, ctx.dir) },
          actorOf(ctx),
        );
        const own = Object.entries(saved.editionTimes)
          .map(([slug, t]) => `${slug} ${t}`)
          .join(', ');
        return newsletterPage(ctx, {
          notice: saved.enabled
            ? `Digests go out at ${saved.sendTime} in each edition's time zone${own ? ` (${own} at their own times)` : ''}.`
            : 'Daily digests are off.',
        });
      },
      refused: async (ctx, { problems }) => newsletterPage(ctx, { errors: problems }),
    }),
    get(deskUrls.subscribers, 'newsletter.manage', {
      input: { query: subscriberQuery },
      handler: async (ctx, { query }) => {
        const { dir } = ctx;
        const { status, q } = query;
        const result = await listSubscribers(db, { status, emailContains: q, beforeId: query.before ?? undefined, limit: 100 });
        const when = (iso: string | null) => (iso ? bylineTime(iso, dir.defaultEdition) : '');
        return page(
          'Newsletter subscribers',
          <SubscribersPage
            model={{
              rows: result.subscribers.map((s) => ({
                id: s.id,
                email: s.email,
                status: s.status,
                editions: s.editions.map((e) => dir.editionBySlug.get(e)?.name ?? e).join(', '),
                sectors: s.sectors.map((x) => dir.sectorBySlug.get(x)?.name ?? x).join(', '),
                created: when(s.createdAt),
                confirmed: when(s.confirmedAt),
                note: s.bounceReason ?? '',
              })),
              filters: { status: status ?? '', q },
              statuses: subscriberStatuses.map((s) => ({ value: s, label: s })),
              olderHref: result.nextBeforeId ? deskUrls.subscribers({ status, q, before: result.nextBeforeId }) : null,
              csrfToken: ctx.session.csrfToken,
              notice: query.deleted ? 'The subscriber was deleted.' : null,
            }}
          />,
        );
      },
    }),
    get(deskUrls.subscribersCsv, 'newsletter.manage', {
      handler: async (ctx) => {
        const csv = await exportSubscribersCsv(db, actorOf(ctx));
        const day = new Date().toISOString().slice(0, 10);
        return ctx.reply
          .code(200)
          .type('text/csv; charset=utf-8')
          .header('cache-control', 'no-store')
          .header('content-disposition', `attachment; filename="newsletter-subscribers-${day}.csv"`)
          .send(Readable.from(csv));
      },
    }),
    post(deskUrls.deleteSubscriber, 'newsletter.manage', {
      input: { params: idParams },
      handler: async (ctx, { params }) => {
        const subscriber = await getSubscriber(db, params.id);
        if (!subscriber || !(await deleteSubscriber(db, subscriber.id, actorOf(ctx)))) throw new NotFoundError('There is no such subscriber.');
        return redirect(deskUrls.subscribers({ deleted: 1 }));
      },
    }),
  ];
}
