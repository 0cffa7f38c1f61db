import type { DB } from '../db/connect.js';
import type { Article } from './articles.js';
import type { Actor } from './audit.js';
import type { IsoTime } from './time.js';

/*
 * When an autosave keeps a revision. A draft saved only in the background must still be
 * undoable (a rewrite autosaved over good text), but a revision per keystroke pause would bury
 * the history. So an autosave (editArticle with `autosave`) keeps a revision when what it saved
 * differs from the latest revision and that revision
 * - is older than AUTOSAVE_REVISION_EVERY_MS: one person typing alone leaves a checkpoint at
 *   most every ten minutes, so a rewrite loses at most ten minutes of the text before it; or
 * - was made by someone else: the first autosave of a second person keeps the text as it was
 *   when they started (their first pause), so a colleague's work is never only in the row.
 * Same text as the latest revision keeps nothing, however long ago it was.
 */

/** One person's autosaves go at most this long without a revision. */
export const AUTOSAVE_REVISION_EVERY_MS = 10 * 60_000;

/** What the editor's form changes: an autosave differing only elsewhere keeps no revision. */
const kept = [
  'headline',
  'standfirst',
  'body',
  'datelineCity',
  'byline',
  'countries',
  'sectors',
  'hero',
  'aiInvolvement',
  'kind',
  'slug',
  'editionId',
] as const;

/**
 * The summary of the revision this autosave keeps, or null when it keeps none (see above).
 * `saved` is the article as the autosave left it.
 */
export async function autosaveRevisionSummary(db: DB, saved: Article, actor: Actor, now: IsoTime): Promise<string | null> {
  const latest = await db
    .selectFrom('article_revisions')
    .select(['created_at', 'user_id', 'actor', 'snapshot'])
    .where('article_id', '=', saved.id)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!latest) return 'Autosaved';
  const before = JSON.parse(latest.snapshot) as Partial<Article>;
  // The hero by its id: a focal point moved since is no change of the story.
  const field = (a: Partial<Article>, f: (typeof kept)[number]) => JSON.stringify((f === 'hero' ? a.hero?.id : a[f]) ?? null);
  const changed = kept.filter((f) => field(before, f) !== field(saved, f));
  if (changed.length === 0) return null;
  const someoneElse = latest.user_id !== actor.userId || (actor.userId === null && latest.actor !== actor.name);
  const old = Date.parse(now) - Date.parse(latest.created_at) >= AUTOSAVE_REVISION_EVERY_MS;
  return someoneElse || old ? `Autosaved: changed ${changed.join(', ')}` : null;
}
