import { readsByGroup, readsPerHour, topStoriesNow } from '../audience/dashboard.js';
import type { DB } from '../db/connect.js';
import { recentNewsletterSends } from '../newsletter/sending.js';
import { subscribersOverTime } from '../newsletter/subscribers.js';
import { bylineTime } from '../presentation/format.js';
import { articlePath } from '../presentation/urls.js';
import { AudiencePage, type AudienceModel } from './audience-views.js';
import { get, page, type Desk, type DeskRoute } from './desk.js';
import { deskUrls } from '../presentation/desk-urls.js';
import { ExportForms } from './export-views.js';
import { can } from './permissions.js';

/** The audience dashboard: `/newsroom/audience` (admins and editors, `audience.view`). */

/** The newsletter's part of the dashboard: confirmed subscribers per day and the last sends. */
export async function newsletterFigures(db: DB, when: (iso: string) => string): Promise<AudienceModel['newsletter']> {
  const [days, sends] = await Promise.all([subscribersOverTime(db, { days: 30 }), recentNewsletterSends(db, { limit: 10 })]);
  return {
    subscribers: days.map((d) => ({ label: d.day.slice(5), value: d.confirmed })),
    sends: sends.map((s) => ({ issue: `${s.edition.name}, ${s.issueDate}`, when: when(s.finishedAt ?? s.createdAt), sent: s.sent, failed: s.failed })),
  };
}

export function audienceRoutes({ db, app }: Desk): DeskRoute[] {
  /** The read counter's figures since the process started (it runs in this process). */
  const counter = (): AudienceModel['counter'] => {
    const c = app.viewCounter.stats();
    return [
      ['Reads counted', c.accepted],
      ['Repeats within 30 minutes', c.duplicates],
      ['Bots and crawlers', c.bots],
      ['Prefetches and previews', c.prefetches],
      ['Newsroom users', c.newsroom],
      ['Invalid or from another site', c.invalid],
      ['Not a published story', c.unknown],
      ['Dropped (buffer full)', c.dropped],
      ['Written to the database', c.flushed],
      ['Waiting to be written', c.pending],
    ].map(([label, value]) => ({ label: String(label), value: Number(value) }));
  };

  return [
    get(deskUrls.audience, 'audience.view', {
      handler: async ({ dir, session }) => {
        const now = new Date();
        const when = (iso: string) => bylineTime(iso, dir.defaultEdition);
        const [hourly, groups, top, newsletter] = await Promise.all([
          readsPerHour(db, 48, now),
          readsByGroup(db, 24, now),
          topStoriesNow(db, 10, now),
          newsletterFigures(db, when),
        ]);
        const points = (rows: { label: string; views: number }[]) => rows.map((r) => ({ label: r.label, value: r.views }));
        const model: AudienceModel = {
          hourly: hourly.map((h) => ({ label: `${h.hour.slice(5, 10)} ${h.hour.slice(11, 13)}h`, value: h.views })),
          totalReads48h: hourly.reduce((sum, h) => sum + h.views, 0),
          top: top.map((t) => ({ headline: t.story.headline, href: articlePath(t.story), reads24h: t.reads24h, readsTotal: t.readsTotal, score: t.score })),
          editions: points(groups.editions),
          sectors: points(groups.sectors),
          countries: points(groups.countries),
          counter: counter(),
          newsletter,
          exports: can(session.user.role, 'desk.export') ? (
            <ExportForms articlesPath={deskUrls.exportArticles()} audiencePath={deskUrls.exportAudience()} />
          ) : undefined,
        };
        return page('Audience', <AudiencePage model={model} />);
      },
    }),
  ];
}
