import { Readable } from 'node:stream';
import { formText as text } from '../util/form.js';
import { idFrom } from '../util/bounds.js';
import { recordAudit } from '../content/audit.js';
import { NotFoundError, ValidationError } from '../content/errors.js';
import type { Config } from '../config.js';
import type { DB } from '../db/connect.js';
import type { Mailer } from '../mail/mailer.js';
import { composeDigest, renderDigest } from '../newsletter/digest.js';
import { getNewsletterSettings, updateNewsletterSettings } from '../newsletter/schedule.js';
import { recentNewsletterSends } from '../newsletter/sending.js';
import { countSubscribersByStatus, deleteSubscriber, getSubscriber, listSubscribers, subscriberStatuses, subscribersCsv, type SubscriberStatus } from '../newsletter/subscribers.js';
import type { Directory } from '../content/directory.js';
import { bylineTime } from '../presentation/format.js';
import { newsletterPath } from '../presentation/urls.js';
import { can } from './permissions.js';
import type { DeskContext, DeskRoute } from './desk.js';
import { NewsletterPage, SubscribersPage } from './newsletter-views.js';

/**
 * The newsroom's newsletter screens: `/newsroom/newsletter` (editors and admins: the schedule,
 * preview and test of the digest, recent issues) and `/newsroom/newsletter/subscribers` (admins:
 * list, CSV export, deletion on request).
 */


export function newsletterDeskRoutes({ db, directory, config, mailer }: { db: DB; directory: { get(): Promise<Directory> }; config: Config; mailer: Mailer }): DeskRoute[] {
  const actor = (ctx: DeskContext) => ({ name: ctx.session!.user.email, userId: ctx.session!.user.id });

  async function page(ctx: DeskContext, options: { errors?: string[]; notice?: string; status?: number } = {}) {
    const dir = await directory.get();
    const role = ctx.session!.user.role;
    const [counts, settings, issues] = await Promise.all([countSubscribersByStatus(db), getNewsletterSettings(db), recentNewsletterSends(db, { limit: 20 })]);
    return ctx.render(
      'Newsletter',
      <NewsletterPage
        model={{
          counts,
          schedule: can(role, 'newsletter.schedule') ? { ...settings, editions: dir.editions.map((e) => ({ slug: e.slug, name: e.name, timeZone: e.timeZone, time: settings.editionTimes[e.slug] ?? '' })) } : null,
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
          csrfToken: ctx.session!.csrfToken,
          errors: options.errors ?? [],
          notice: options.notice ?? null,
          testAddress: ctx.session!.user.email,
          canManage: can(role, 'newsletter.manage'),
        }}
      />,
      options.status,
    );
  }

  /** The digest of the edition the query or form names (else the default), as it would go out now. */
  async function digestFor(slug: string, test: boolean) {
    const dir = await directory.get();
    const edition = dir.editionBySlug.get(slug) ?? dir.defaultEdition;
    const content = await composeDigest(db, { edition, dir, siteUrl: config.siteUrl, halfLifeHours: config.trendingHalfLifeHours });
    const placeholder = `${config.siteUrl}${newsletterPath}`;
    return renderDigest(content, { sectors: dir.sectors.map((s) => s.slug), preferencesUrl: placeholder, unsubscribeUrl: placeholder, test });
  }

  const previewHeaders = (ctx: DeskContext) =>
    ctx.reply
      .code(200)
      .header('cache-control', 'no-store')
      .header('x-robots-tag', 'noindex')
      // The message as a mail client gets it: inline styles, images from the site; nothing else.
      .header('content-security-policy', `default-src 'none'; img-src ${new URL(config.siteUrl).origin} https: data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'`);

  return [
    {
      method: 'GET',
      url: '/newsroom/newsletter',
      permission: 'newsletter.preview',
      handler: async (ctx) => page(ctx),
    },
    {
      method: 'GET',
      url: '/newsroom/newsletter/preview',
      permission: 'newsletter.preview',
      handler: async (ctx) => previewHeaders(ctx).type('text/html; charset=utf-8').send((await digestFor(text(ctx.query.edition), false)).html),
    },
    {
      method: 'GET',
      url: '/newsroom/newsletter/preview.txt',
      permission: 'newsletter.preview',
      handler: async (ctx) => previewHeaders(ctx).type('text/plain; charset=utf-8').send((await digestFor(text(ctx.query.edition), false)).text),
    },
    {
      method: 'POST',
      url: '/newsroom/newsletter/test',
      permission: 'newsletter.preview',
      handler: async (ctx) => {
        const message = await digestFor(text(ctx.form.edition), true);
        const to = ctx.session!.user.email;
        try {
          await mailer.send({ to, subject: message.subject, text: message.text, html: message.html });
        } catch (error) {
          ctx.request.log.error({ err: error }, 'newsletter test not sent');
          return page(ctx, { errors: [`The test could not be sent: ${(error as Error).message}`], status: 502 });
        }
        return page(ctx, { notice: `Test sent to ${to}${mailer.kind === 'outbox' ? ' (written to the outbox folder: SMTP_URL is not set)' : ''}.` });
      },
    },
    {
      method: 'POST',
      url: '/newsroom/newsletter/schedule',
      permission: 'newsletter.schedule',
      handler: async (ctx) => {
        try {
          const dir = await directory.get();
          // An edition left empty follows the time for all editions.
          const editionTimes = Object.fromEntries(dir.editions.flatMap((e) => {
            const t = text(ctx.form[`time-${e.slug}`]).trim().slice(0, 5);
            return t ? [[e.slug, t]] : [];
          }));
          const saved = await updateNewsletterSettings(db, { sendTime: text(ctx.form.sendTime).trim().slice(0, 5), enabled: text(ctx.form.enabled) === '1', editionTimes });
          const own = Object.entries(saved.editionTimes).map(([slug, t]) => `${slug} ${t}`).join(', ');
          await recordAudit(db, actor(ctx), 'newsletter.schedule', 'newsletter', `${saved.enabled ? 'on' : 'off'} at ${saved.sendTime}${own ? `; ${own}` : ''}`);
          return page(ctx, { notice: saved.enabled ? `Digests go out at ${saved.sendTime} in each edition's time zone${own ? ` (${own} at their own times)` : ''}.` : 'Daily digests are off.' });
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return page(ctx, { errors: error.problems, status: 422 });
        }
      },
    },
    {
      method: 'GET',
      url: '/newsroom/newsletter/subscribers',
      permission: 'newsletter.manage',
      handler: async (ctx) => {
        const dir = await directory.get();
        const status = (subscriberStatuses as readonly string[]).includes(ctx.query.status ?? '') ? (ctx.query.status as SubscriberStatus) : undefined;
        const q = text(ctx.query.q).slice(0, 254);
        const result = await listSubscribers(db, { status, emailContains: q, beforeId: idFrom(ctx.query.before) ?? undefined, limit: 100 });
        const query = new URLSearchParams(Object.entries({ status: status ?? '', q }).filter(([, v]) => v));
        if (result.nextBeforeId) query.set('before', String(result.nextBeforeId));
        const when = (iso: string | null) => (iso ? bylineTime(iso, dir.defaultEdition) : '');
        return ctx.render(
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
              olderHref: result.nextBeforeId ? `/newsroom/newsletter/subscribers?${query}` : null,
              csrfToken: ctx.session!.csrfToken,
              notice: ctx.query.deleted ? 'The subscriber was deleted.' : null,
            }}
          />,
        );
      },
    },
    {
      method: 'GET',
      url: '/newsroom/newsletter/subscribers.csv',
      permission: 'newsletter.manage',
      handler: async (ctx) => {
        await recordAudit(db, actor(ctx), 'newsletter.export', 'newsletter subscribers');
        const day = new Date().toISOString().slice(0, 10);
        return ctx.reply
          .code(200)
          .type('text/csv; charset=utf-8')
          .header('cache-control', 'no-store')
          .header('content-disposition', `attachment; filename="newsletter-subscribers-${day}.csv"`)
          .send(Readable.from(subscribersCsv(db)));
      },
    },
    {
      method: 'POST',
      url: '/newsroom/newsletter/subscribers/:id/delete',
      permission: 'newsletter.manage',
      handler: async (ctx) => {
        const id = Number(ctx.params.id);
        const subscriber = Number.isSafeInteger(id) && id > 0 ? await getSubscriber(db, id) : null;
        if (!subscriber || !(await deleteSubscriber(db, subscriber.id))) throw new NotFoundError('There is no such subscriber.');
        // The log keeps that a deletion happened, not the address that was erased.
        await recordAudit(db, actor(ctx), 'newsletter.delete', `subscriber ${subscriber.id}`);
        return ctx.reply.redirect('/newsroom/newsletter/subscribers?deleted=1', 303);
      },
    },
  ];
}
