import { z } from 'zod';
import { getArticle } from '../content/articles.js';
import { mergeStoryInto, mergeSuggestions } from '../wire/desk-merges.js';
import { storyItems } from '../wire/inbox.js';
import { actorOf, DeskError, get, page, post, redirect, type Desk, type DeskContext, type DeskRoute } from './desk.js';
import { idParams, text } from './desk-input.js';
import { MergeScreen } from './merge-views.js';
import { deskUrls } from '../presentation/desk-urls.js';

/** "Merge with…" (`wire.triage`): GET and POST `/newsroom/inbox/<id>/merge`. Split is an inbox action (inbox-routes.tsx). */

/** The story chosen from the list, or the number typed. */
const chosenOf = (form: unknown) => {
  const f = (form ?? {}) as Record<string, unknown>;
  return text(20).parse(f.targetId).trim() || text(20).parse(f.target).trim();
};
const mergeFields = z
  .unknown()
  .optional()
  .transform(chosenOf)
  .pipe(
    z
      .string()
      .regex(/^\d{1,12}$/, 'Choose the story this one reports, or give its number.')
      .transform(Number),
  );

export function mergeRoutes({ db }: Desk): DeskRoute[] {
  async function screen(ctx: DeskContext, id: number, options: { errors?: string[]; chosen?: string } = {}) {
    const story = await getArticle(db, id);
    if (!story) throw new DeskError(404, 'There is no such story.');
    const [items, suggestions] = await Promise.all([storyItems(db, id), mergeSuggestions(db, id)]);
    if (items.length === 0) throw new DeskError(404, 'This story was not made from agency copy.');
    return page(
      'Merge with another story',
      <MergeScreen
        model={{
          story: { id, headline: story.headline, reports: [...new Set(items.map((i) => `${i.agency} ${i.itemId}`))] },
          candidates: suggestions.map((s) => ({
            id: s.articleId,
            headline: s.headline,
            status: s.status,
            score: `${Math.round(s.score * 100)}%`,
            reason: s.reason,
          })),
          chosen: options.chosen ?? '',
          errors: options.errors ?? [],
          csrfToken: ctx.session.csrfToken,
        }}
      />,
    );
  }

  return [
    get(deskUrls.inboxAction('merge'), 'wire.triage', { input: { params: idParams }, handler: async (ctx, { params }) => screen(ctx, params.id) }),
    post(deskUrls.inboxAction('merge'), 'wire.triage', {
      input: { params: idParams, form: mergeFields },
      handler: async (ctx, { params, form: targetId }) => {
        // A story gone since is a 404 (the gate's), not a refusal of the form.
        const target = await mergeStoryInto(db, params.id, targetId, actorOf(ctx));
        return redirect(`${deskUrls.inbox({ status: 'all' })}#story-${target.id}`);
      },
      refused: async (ctx, { message }, params) => screen(ctx, params.id, { errors: [message], chosen: chosenOf(ctx.form) }),
    }),
  ];
}
