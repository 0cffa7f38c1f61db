import type { DB } from '../db/connect.js';
import { zonedLocalToIso, zonedLocalValue } from '../util/time-zones.js';
import type { Article } from './articles.js';
import { NotFoundError, ValidationError } from './errors.js';
import { scheduleArticle, type CommandContext, type PublishOptions } from './lifecycle.js';
import type { IsoTime } from './time.js';

/** The desk schedules in the edition's own zone; the lifecycle keeps UTC. */

/**
 * The instant a datetime-local value ("2026-03-29T02:30") names in `timeZone`. Refuses a value
 * that is no date and time, and a wall time the zone skips when its clocks go forward (it would
 * otherwise be read as some other time without anyone noticing).
 */
export function instantOfLocalTime(local: string, timeZone: string): IsoTime {
  const iso = zonedLocalToIso(local, timeZone);
  if (!iso) throw new ValidationError('Give the publication time as a date and a time.');
  const shown = zonedLocalValue(iso, timeZone);
  if (shown !== local) {
    const [date, time] = local.split('T');
    throw new ValidationError(
      `There is no ${time} on ${date} in ${timeZone}: the clocks go forward then. Choose a time after the change, such as ${shown.slice(11)}.`,
    );
  }
  return iso;
}

/** Schedules an article for a wall time in its edition's zone. */
export async function scheduleAtLocalTime(
  db: DB,
  id: number,
  local: string,
  ctx: CommandContext,
  options: Omit<PublishOptions, 'override'> = {},
): Promise<Article> {
  const row = await db
    .selectFrom('articles')
    .innerJoin('editions', 'editions.id', 'articles.edition_id')
    .select('editions.time_zone')
    .where('articles.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`No article with id ${id}`);
  return scheduleArticle(db, id, instantOfLocalTime(local, row.time_zone), ctx, options);
}
