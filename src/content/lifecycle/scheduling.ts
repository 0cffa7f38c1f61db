import { sql } from 'kysely';
import { dialectOf, type DB } from '../../db/connect.js';
import type { Article } from '../article-model.js';
import { getArticle } from '../article-reads.js';
import { ValidationError } from '../errors.js';
import { changeContent } from '../events.js';
import { nowIso, toIso, type IsoTime } from '../time.js';
import { change, DESK, isPerson, load, tell, type CommandContext } from './command.js';
import { publicationRefusal, refuseUnless, utc, type PublishOptions } from './guard.js';
import { publishArticle } from './publishing.js';

// Publication at a set time: scheduling a story (for a time, or for its embargo's lift), and
// the scheduler's run that publishes what is due, checking the guards again at that moment.

/** Schedules publication for `at` (in the future, and not before the embargo lifts). */
export async function scheduleArticle(db: DB, id: number, at: IsoTime, ctx: CommandContext, options: Omit<PublishOptions, 'override'> = {}): Promise<Article> {
  if (typeof at !== 'string' || Number.isNaN(Date.parse(at))) throw new ValidationError('Give the publication time as a date and a time.');
  const when = toIso(at);
  return changeContent(db, async (trx) => {
    const current = await load(trx, id, ctx);
    refuseUnless('schedule', current, 'scheduled');
    if (when <= (ctx.now ?? nowIso())) throw new ValidationError('The publication time must be in the future.');
    const refusal = publicationRefusal(current, when);
    if (refusal) throw refusal;
    return change(
      trx,
      current,
      {
        status: 'scheduled',
        scheduledFor: when,
        publishedVia: options.via ?? (isPerson(ctx.actor) ? 'desk' : 'auto'),
        humanReviewed: current.humanReviewed || options.reviewed === true,
        statusReason: '',
      },
      ctx,
      { action: 'article.schedule', summary: `Scheduled for ${utc(when)}` },
    );
  });
}

/** Schedules publication for the moment the agency's embargo lifts. */
export async function scheduleForEmbargo(db: DB, id: number, ctx: CommandContext, options: Omit<PublishOptions, 'override'> = {}): Promise<Article> {
  return changeContent(db, async (trx) => {
    const current = await load(trx, id, ctx);
    if (!current.embargoUntil || current.embargoUntil <= (ctx.now ?? nowIso()))
      throw new ValidationError('No agency embargo is running on this story: publish it, or schedule it for a time of your choice.');
    return scheduleArticle(trx, id, current.embargoUntil, { ...ctx, expectedVersion: undefined }, options);
  });
}

/**
 * Publishes every scheduled article whose time has come, checking the guards again at that
 * moment: an embargo moved later reschedules the story for the new time; a hold sends it back to
 * the desk. Both are told. On PostgreSQL due rows are locked (SKIP LOCKED), so with several
 * processes each article is published by exactly one.
 */
export async function publishDueArticles(db: DB, now: IsoTime = nowIso()): Promise<number[]> {
  const ctx: CommandContext = { actor: { name: 'scheduler', userId: null }, now };
  return changeContent(db, async (trx) => {
    const lock = dialectOf(trx) === 'postgres' ? sql` for update skip locked` : sql``;
    const { rows } = await sql<{ id: number }>`select id from articles
      where status = 'scheduled' and scheduled_for <= ${now} order by scheduled_for, id limit 100${lock}`.execute(trx);
    const published: number[] = [];
    for (const { id } of rows) {
      const current = (await getArticle(trx, id))!;
      const refusal = publicationRefusal(current, now);
      if (!refusal) {
        await publishArticle(trx, id, ctx);
        published.push(id);
      } else if (refusal.reason === 'embargo' && refusal.until) {
        await change(trx, current, { scheduledFor: refusal.until }, ctx, {
          action: 'article.schedule',
          summary: `Rescheduled for ${utc(refusal.until)}: the agency moved its embargo`,
        });
        await tell(trx, { kind: 'schedule-refused', audience: DESK, articleId: id, title: `Rescheduled: ${current.headline}`, message: refusal.message }, ctx);
      } else {
        await change(trx, current, { status: 'draft', scheduledFor: null, statusReason: refusal.message }, ctx, {
          action: 'article.draft',
          summary: `Not published as scheduled: ${refusal.message}`,
        });
        await tell(
          trx,
          { kind: 'schedule-refused', audience: DESK, articleId: id, title: `Not published: ${current.headline}`, message: refusal.message },
          ctx,
        );
      }
    }
    return published;
  });
}
