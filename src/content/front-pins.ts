import { z } from 'zod';
import { rowId } from '../util/bounds.js';
import type { DB } from '../db/connect.js';
import { summariesByIds, type ArticleSummary } from './articles.js';
import { recordAudit, type Actor } from './audit.js';
import { fromZod, NotFoundError, ValidationError } from './errors.js';
import { changeContent, touchContent } from './events.js';
import { editionKey, STORIES_KEY } from './surrogate-keys.js';
import { nowIso, type IsoTime } from './time.js';

/*
 * Front-page curation. The desk pins stories to the places of an edition's front (place 0 is the
 * lead, 1… the top stories in order), each until a time. A place with no pin, or whose pin has
 * expired or whose story is no longer published, takes the newest story instead: curation only
 * orders what is already public, so it can never put out a story the publishing rules hold back.
 */

/** The lead and four top stories. */
export const FRONT_PLACES = 5;
/** A pin lasts at most this long: a front left pinned for weeks is a front nobody looks after. */
export const LONGEST_PIN_MS = 14 * 86_400_000;
const PINNABLE_KINDS: readonly ArticleSummary['kind'][] = ['news', 'opinion', 'blog', 'interview'];

const pinInput = z.object({
  position: z
    .number()
    .int()
    .min(0)
    .max(FRONT_PLACES - 1),
  articleId: rowId,
  expiresAt: z.iso.datetime({ offset: true }),
});
const pinsInput = z
  .array(pinInput)
  .max(FRONT_PLACES)
  .refine((pins) => new Set(pins.map((p) => p.position)).size === pins.length, 'each place holds one story')
  .refine((pins) => new Set(pins.map((p) => p.articleId)).size === pins.length, 'a story is pinned to one place only');
export type FrontPinInput = z.input<typeof pinInput>;

export interface FrontPin {
  editionId: number;
  position: number;
  articleId: number;
  expiresAt: IsoTime;
  pinnedBy: string;
  pinnedAt: IsoTime;
}

const toPin = (r: { edition_id: number; position: number; article_id: number; expires_at: string; pinned_by: string; pinned_at: string }): FrontPin => ({
  editionId: r.edition_id,
  position: r.position,
  articleId: r.article_id,
  expiresAt: new Date(r.expires_at).toISOString(),
  pinnedBy: r.pinned_by,
  pinnedAt: new Date(r.pinned_at).toISOString(),
});

/**
 * Replaces an edition's pins with `pins` (none: the front is the newest stories again), in one
 * transaction with its audit entry; caches hear of it after the commit.
 */
export async function setFrontPins(db: DB, editionId: number, pins: FrontPinInput[], options: { actor: Actor; now?: IsoTime }): Promise<FrontPin[]> {
  const parsed = pinsInput.safeParse(pins);
  if (!parsed.success) throw fromZod('front page', parsed.error);
  const now = options.now ?? nowIso();
  const wanted = parsed.data.map((p) => ({ ...p, expiresAt: new Date(p.expiresAt).toISOString() })).sort((a, b) => a.position - b.position);
  return changeContent(db, async (trx) => {
    const edition = await trx.selectFrom('editions').select(['id', 'name']).where('id', '=', editionId).executeTakeFirst();
    if (!edition) throw new NotFoundError(`No edition ${editionId}.`);
    const stories = await summariesByIds(
      trx,
      wanted.map((p) => p.articleId),
    );
    const problems = wanted.flatMap((p) => {
      const story = stories.get(p.articleId);
      const place = placeName(p.position);
      if (!story) return [`${place}: there is no story ${p.articleId}`];
      if (story.status !== 'published') return [`${place}: “${story.headline}” is not published (${story.status}); only a published story can be pinned`];
      if (!PINNABLE_KINDS.includes(story.kind)) return [`${place}: a ${story.kind} cannot lead the front`];
      if (p.expiresAt <= now) return [`${place}: the pin must end in the future`];
      if (Date.parse(p.expiresAt) - Date.parse(now) > LONGEST_PIN_MS) return [`${place}: a pin lasts at most 14 days`];
      return [];
    });
    if (problems.length) throw new ValidationError(`Invalid front page: ${problems.join('; ')}`, problems);
    await trx.deleteFrom('front_pins').where('edition_id', '=', editionId).execute();
    if (wanted.length) {
      await trx
        .insertInto('front_pins')
        .values(
          wanted.map((p) => ({
            edition_id: editionId,
            position: p.position,
            article_id: p.articleId,
            expires_at: p.expiresAt,
            pinned_by: options.actor.name,
            pinned_at: now,
          })),
        )
        .execute();
    }
    const detail = wanted.length
      ? wanted.map((p) => `${placeName(p.position)}: #${p.articleId} until ${p.expiresAt}`).join('; ')
      : 'no pins: newest stories first';
    // The fronts show it (the main front is tagged with every story).
    touchContent(trx, [editionKey(editionId), STORIES_KEY]);
    await recordAudit(trx, options.actor, 'front.pin', `edition ${edition.name}`, detail, now);
    return (await trx.selectFrom('front_pins').selectAll().where('edition_id', '=', editionId).orderBy('position').execute()).map(toPin);
  });
}

/** "Lead", "Top story 2" … */
export const placeName = (position: number) => (position === 0 ? 'Lead' : `Top story ${position + 1}`);

/** An edition's pins as they stand (the newsroom shows expired ones too). */
export async function listFrontPins(db: DB, editionId?: number): Promise<FrontPin[]> {
  let q = db.selectFrom('front_pins').selectAll();
  if (editionId !== undefined) q = q.where('edition_id', '=', editionId);
  return (await q.orderBy('edition_id').orderBy('position').execute()).map(toPin);
}

/** The stories pinned to an edition's front now, by place: unexpired pins of published stories. */
export async function pinnedStories(db: DB, editionId: number, now: IsoTime = nowIso()): Promise<Map<number, ArticleSummary>> {
  const pins = await db.selectFrom('front_pins').select(['position', 'article_id']).where('edition_id', '=', editionId).where('expires_at', '>', now).execute();
  const stories = await summariesByIds(
    db,
    pins.map((p) => p.article_id),
  );
  return new Map(
    pins.flatMap((p) => {
      const story = stories.get(p.article_id);
      return story && story.status === 'published' ? [[p.position, story] as const] : [];
    }),
  );
}

/**
 * The front's top stories: each place its pinned story, else the next newest not shown yet
 * (`newest` is newest first). At most FRONT_PLACES, fewer when there are not enough stories.
 */
export function composeTopStories(pinned: ReadonlyMap<number, ArticleSummary>, newest: readonly ArticleSummary[], places = FRONT_PLACES): ArticleSummary[] {
  const pinnedIds = new Set([...pinned.values()].map((a) => a.id));
  const rest = newest.filter((a) => !pinnedIds.has(a.id));
  const top: ArticleSummary[] = [];
  for (let place = 0; place < places; place++) {
    const story = pinned.get(place) ?? rest.shift();
    if (story) top.push(story);
  }
  return top;
}
