import { getArticle } from '../content/articles.js';
import { NotFoundError, ValidationError } from '../content/errors.js';
import type { DB } from '../db/connect.js';
import { mergeStoryInto, mergeSuggestions } from '../wire/desk-merges.js';
import { isRowId } from '../util/bounds.js';
import { storyItems } from '../wire/inbox.js';
import { formText as text } from '../util/form.js';
import { actorOf, DeskError, type DeskContext, type DeskRoute } from './desk.js';
import { MergeScreen } from './merge-views.js';

/** "Merge with…" (`wire.triage`): GET and POST `/newsroom/inbox/<id>/merge`. Split is an inbox action (routes.tsx). */

export function mergeDeskRoutes({ db }: { db: DB }): DeskRoute[] {
  async function screen(ctx: DeskContext, id: number, options: { errors?: string[]; chosen?: string; status?: number } = {}) {
    const story = isRowId(id) ? await getArticle(db, id) : null;
    if (!story) throw new DeskError(404, 'There is no such story.');
    const [items, suggestions] = await Promise.all([storyItems(db, id), mergeSuggestions(db, id)]);
    if (items.length === 0) throw new DeskError(404, 'This story was not made from agency copy.');
    return ctx.render(
      'Merge with another story',
      <MergeScreen
        model={{
          story: { id, headline: story.headline, reports: [...new Set(items.map((i) => `${i.agency} ${i.itemId}`))] },
          candidates: suggestions.map((s) => ({ id: s.articleId, headline: s.headline, status: s.status, score: `${Math.round(s.score * 100)}%`, reason: s.reason })),
          chosen: options.chosen ?? '',
          errors: options.errors ?? [],
          csrfToken: ctx.session!.csrfToken,
        }}
      />,
      options.status,
    );
  }

  return [
    {
      method: 'GET',
      url: '/newsroom/inbox/:id/merge',
      permission: 'wire.triage',
      handler: async (ctx) => screen(ctx, Number(ctx.params.id)),
    },
    {
      method: 'POST',
      url: '/newsroom/inbox/:id/merge',
      permission: 'wire.triage',
      handler: async (ctx) => {
        const id = Number(ctx.params.id);
        const chosen = text(ctx.form.targetId, 20).trim() || text(ctx.form.target, 20).trim();
        if (!/^\d{1,12}$/.test(chosen)) return screen(ctx, id, { errors: ['Choose the story this one reports, or give its number.'], chosen, status: 422 });
        try {
          const target = await mergeStoryInto(db, id, Number(chosen), actorOf(ctx));
          return ctx.reply.redirect(`/newsroom/inbox?status=all#story-${target.id}`, 303);
        } catch (error) {
          if (error instanceof NotFoundError) throw new DeskError(404, error.message);
          if (!(error instanceof ValidationError)) throw error;
          return screen(ctx, id, { errors: [error.message], chosen, status: 422 });
        }
      },
    },
  ];
}
