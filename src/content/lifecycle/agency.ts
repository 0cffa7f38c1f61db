import type { DB } from '../../db/connect.js';
import type { Article } from '../article-model.js';
import { changeContent } from '../events.js';
import { notify } from '../notifications.js';
import { nowIso, type IsoTime } from '../time.js';
import { change, DESK, load, tell, type ArticleState, type CommandContext } from './command.js';
import { publicationRefusal, utc, type AgencyState } from './guard.js';

// What the agency says about its copy, acted on: embargoes and holds (held stories come off
// the site and go back on), kills (for good), and telling the desk when an embargo lifts.

/**
 * Records the agency's embargo and hold over a story's copy (the wire desk calls this whenever a
 * version arrives), and acts on them: a withheld version takes a live story off the site at once
 * (held) and stops a scheduled one; a newer usable version brings a held story back (or schedules
 * it for a new embargo). Shots made from the story follow it. The desk is told.
 */
export async function applyAgencyState(db: DB, id: number, agency: AgencyState, ctx: CommandContext): Promise<Article> {
  return changeContent(db, async (trx) => {
    const current = await load(trx, id, ctx);
    for (const derived of await derivedArticles(trx, id)) await applyAgencyState(trx, derived, agency, { ...ctx, expectedVersion: undefined });
    const now = ctx.now ?? nowIso();
    const facts = { embargoUntil: agency.embargoUntil, agencyHold: agency.hold };
    if (current.status === 'killed' || (current.embargoUntil === agency.embargoUntil && current.agencyHold === agency.hold)) return current;
    if (agency.hold && !current.agencyHold && (current.status === 'published' || current.status === 'scheduled')) {
      const wasLive = current.status === 'published';
      const article = await change(
        trx,
        current,
        { ...facts, ...(wasLive ? { status: 'held' as const } : { status: 'draft' as const, scheduledFor: null }), statusReason: agency.hold },
        ctx,
        { action: 'article.hold', summary: `${wasLive ? 'Taken off the site' : 'Schedule stopped'}: ${agency.hold}` },
      );
      await tell(
        trx,
        {
          kind: 'agency-hold',
          audience: DESK,
          articleId: id,
          title: `${wasLive ? 'Off the site' : 'Schedule stopped'}: ${current.headline}`,
          message: agency.hold,
        },
        ctx,
      );
      return article;
    }
    if (!agency.hold && current.agencyHold) {
      const back = current.status === 'held';
      const refusal = back ? publicationRefusal({ ...current, ...facts }, now) : null;
      const state: Partial<ArticleState> = !back
        ? facts
        : !refusal
          ? { ...facts, status: 'published', statusReason: '' }
          : refusal.reason === 'embargo' && refusal.until
            ? { ...facts, status: 'scheduled', scheduledFor: refusal.until, statusReason: '' }
            : facts;
      const article = await change(trx, current, state, ctx, {
        action: 'article.release',
        summary: back ? 'Back on the site: the agency sent a usable version' : 'The agency lifted its hold',
      });
      await tell(
        trx,
        {
          kind: 'agency-release',
          audience: DESK,
          articleId: id,
          title: `${back ? 'Back on the site' : 'Hold lifted'}: ${current.headline}`,
          message: 'The agency sent a newer, usable version.',
        },
        ctx,
      );
      return article;
    }
    if (current.status === 'scheduled' && agency.embargoUntil && current.scheduledFor && agency.embargoUntil > current.scheduledFor) {
      return change(trx, current, { ...facts, scheduledFor: agency.embargoUntil }, ctx, {
        action: 'article.schedule',
        summary: `Rescheduled for ${utc(agency.embargoUntil)}: the agency moved its embargo`,
      });
    }
    return change(trx, current, facts, ctx, {
      action: 'article.agency-state',
      summary: agency.hold
        ? `Withheld by the agency: ${agency.hold}`
        : agency.embargoUntil && agency.embargoUntil > now
          ? `Under embargo until ${utc(agency.embargoUntil)}`
          : 'Agency embargo and holds updated',
    });
  });
}

/** The agency canceled the copy: the story is killed, off the site for good (410), and so are Shots made from it. */
export async function killArticle(db: DB, id: number, reason: string, ctx: CommandContext): Promise<Article> {
  return changeContent(db, async (trx) => {
    const current = await load(trx, id, ctx);
    for (const derived of await derivedArticles(trx, id)) await killArticle(trx, derived, reason, { ...ctx, expectedVersion: undefined });
    if (current.status === 'killed') return current;
    const article = await change(trx, current, { status: 'killed', scheduledFor: null, statusReason: reason }, ctx, {
      action: 'article.kill',
      summary: `Killed: ${reason}`,
    });
    if (['published', 'held', 'scheduled'].includes(current.status)) {
      await tell(trx, { kind: 'agency-kill', audience: DESK, articleId: id, title: `Killed: ${current.headline}`, message: reason }, ctx);
    }
    return article;
  });
}

async function derivedArticles(trx: DB, id: number): Promise<number[]> {
  return (await trx.selectFrom('articles').select('id').where('derived_from', '=', id).execute()).map((r) => r.id);
}

/** Tells the desk once about each embargo that lifted on a story it has not published yet. */
export async function notifyLiftedEmbargoes(db: DB, now: IsoTime = nowIso()): Promise<number> {
  const since = new Date(Date.parse(now) - 7 * 86_400_000).toISOString();
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'headline', 'embargo_until'])
    .where('embargo_until', '>', since)
    .where('embargo_until', '<=', now)
    .where('status', 'in', ['draft', 'review', 'held'])
    .limit(200)
    .execute();
  for (const r of rows) {
    await notify(
      db,
      {
        kind: 'embargo-lifted',
        audience: DESK,
        articleId: r.id,
        title: `Embargo lifted: ${r.headline}`,
        message: `The agency's embargo ended at ${utc(r.embargo_until!)}; the story may be published.`,
        dedupeKey: `embargo:${r.id}:${r.embargo_until}`,
      },
      now,
    );
  }
  return rows.length;
}
