import { readsByGroup, readsPerHour, topStoriesNow } from '../audience/dashboard.js';
import type { DB } from '../db/connect.js';
import type { Directory } from '../content/directory.js';
import { articlePath } from '../presentation/urls.js';
import { bylineTime } from '../presentation/format.js';
import { recentNewsletterSends } from '../newsletter/sending.js';
import { subscribersOverTime } from '../newsletter/subscribers.js';
import { AudiencePage, type AudienceModel } from './audience-views.js';
import type { DeskRoute } from './desk.js';

/** The audience dashboard: `/newsroom/audience` (admins and editors, `audience.view`). */

export interface AudienceSources {
  /** The read counter's figures since the process started, when it runs in this process. */
  counter?: () => AudienceModel['counter'];
}

/** The newsletter's part of the dashboard: confirmed subscribers per day and the last sends. */
export async function newsletterFigures(db: DB, when: (iso: string) => string): Promise<AudienceModel['newsletter']> {
  const [days, sends] = await Promise.all([subscribersOverTime(db, { days: 30 }), recentNewsletterSends(db, { limit: 10 })]);
  return {
    subscribers: days.map((d) => ({ label: d.day.slice(5), value: d.confirmed })),
    sends: sends.map((s) => ({ issue: `${s.edition.name}, ${s.issueDate}`, when: when(s.finishedAt ?? s.createdAt), sent: s.sent, failed: s.failed })),
  };
}

export function audienceDeskRoutes({ db, directory, sources = {} }: { db: DB; directory: { get(): Promise<Directory> }; sources?: AudienceSources }): DeskRoute[] {
  return [
    {
      method: 'GET',
      url: '/newsroom/audience',
      permission: 'audience.view',
      handler: async (ctx) => {
        const dir = await directory.get();
        const now = new Date();
        const when = (iso: string) => bylineTime(iso, dir.defaultEdition);
        const [hourly, groups, top, newsletter] = await Promise.all([readsPerHour(db, 48, now), readsByGroup(db, 24, now), topStoriesNow(db, 10, now), newsletterFigures(db, when)]);
        const points = (rows: { label: string; views: number }[]) => rows.map((r) => ({ label: r.label, value: r.views }));
        const model: AudienceModel = {
          hourly: hourly.map((h) => ({ label: `${h.hour.slice(5, 10)} ${h.hour.slice(11, 13)}h`, value: h.views })),
          totalReads48h: hourly.reduce((sum, h) => sum + h.views, 0),
          top: top.map((t) => ({ headline: t.story.headline, href: articlePath(t.story), reads24h: t.reads24h, readsTotal: t.readsTotal, score: t.score })),
          editions: points(groups.editions),
          sectors: points(groups.sectors),
          countries: points(groups.countries),
          counter: sources.counter?.() ?? null,
          newsletter,
        };
        return ctx.render('Audience', <AudiencePage model={model} />);
      },
    },
  ];
}
