import type { DB } from '../../db/connect.js';
import { ValidationError } from '../errors.js';
import { changeContent } from '../events.js';
import { nowIso, type IsoTime } from '../time.js';
import { change, load, type CommandContext } from './command.js';

// Corrections of published stories: a note on the page with its time, and an update of the story.

export interface Correction {
  id: number;
  at: IsoTime;
  note: string;
  actor: string;
}

/** Adds a correction note to a published article: shown on the page with its time, and an
 *  update of the article (new Updated time, a revision, an audit entry). */
export async function addCorrection(db: DB, articleId: number, note: string, ctx: CommandContext): Promise<Correction> {
  const text = note.trim();
  if (!text) throw new ValidationError('Write the correction note.');
  if (text.length > 2000) throw new ValidationError('A correction note has at most 2,000 characters.');
  const at = ctx.now ?? nowIso();
  return changeContent(db, async (trx) => {
    const current = await load(trx, articleId, ctx);
    if (current.status !== 'published') throw new ValidationError('Corrections are for published articles; edit a draft directly.');
    const row = await trx
      .insertInto('article_corrections')
      .values({ article_id: articleId, at, note: text, user_id: ctx.actor.userId, actor: ctx.actor.name })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    await change(
      trx,
      current,
      {},
      { ...ctx, now: at },
      { action: 'article.correct', summary: `Correction: ${text.slice(0, 200)}`, detail: text.slice(0, 500) },
    );
    return { id: row.id, at, note: text, actor: ctx.actor.name };
  });
}

export async function listCorrections(db: DB, articleId: number): Promise<Correction[]> {
  const rows = await db.selectFrom('article_corrections').selectAll().where('article_id', '=', articleId).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, at: r.at, note: r.note, actor: r.actor }));
}
