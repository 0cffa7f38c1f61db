import { z } from 'zod';
import { getArticle } from '../content/articles.js';
import { addCorrection, publishArticle, returnToDraft, scheduleForEmbargo, submitForReview, unpublishArticle } from '../content/lifecycle.js';
import { scheduleAtLocalTime } from '../content/local-schedule.js';
import { agencyFields, applyAgencyUpdate, declineAgencyUpdate, regenerateSummary, type AgencyField } from '../wire/agency-copy.js';
import { actorOf, post, redirect, type Desk, type DeskContext, type DeskRoute } from './desk.js';
import { idParams, list, text } from './desk-input.js';
import { editorPage, loadEditable } from './editor-page.js';
import type { Permission } from './permissions.js';
import { deskUrls, type ArticleStep } from '../presentation/desk-urls.js';
import { formText } from '../util/form.js';

/**
 * The article workflow: each step a button on the editor that runs one lifecycle command and
 * returns to the article. A refusal (an embargo, a hold, a kill, a bad value, nothing to act on)
 * shows the editor again with the reason at the top.
 */

const isAgencyField = (f: string): f is AgencyField => (agencyFields as readonly string[]).includes(f);

export function workflowRoutes({ db }: Desk): DeskRoute[] {
  const step = <F extends z.ZodType>(
    name: ArticleStep,
    permission: Permission,
    form: F,
    run: (id: number, form: z.output<F>, ctx: DeskContext) => Promise<unknown>,
  ): DeskRoute =>
    post(deskUrls.articleStep(name), permission, {
      input: { params: idParams, form },
      notFoundIsRefusal: true,
      handler: async (ctx, input) => {
        const article = await loadEditable(db, ctx, input.params.id);
        await run(article.id, input.form as z.output<F>, ctx);
        return redirect(deskUrls.article({ id: article.id }));
      },
      // A refused publication time stays in its box, to be corrected.
      refused: async (ctx, { message }, params) =>
        editorPage(db, ctx, (await getArticle(db, params.id)) ?? (await loadEditable(db, ctx, params.id)), {
          errors: [message],
          scheduleValue: name === 'schedule' ? formText(ctx.form.at, 40) : undefined,
        }),
    });
  const none = z.object({});
  const by = (ctx: DeskContext) => ({ actor: actorOf(ctx) });

  return [
    step('correct', 'article.publish', z.object({ note: text() }), (id, form, ctx) => addCorrection(db, id, form.note, by(ctx))),
    step('submit', 'article.submit', none, (id, _, ctx) => submitForReview(db, id, by(ctx))),
    // From the editor a person has the whole text in front of them: that is the review.
    step('publish', 'article.publish', z.object({ override: text() }), (id, form, ctx) =>
      publishArticle(db, id, by(ctx), { via: 'desk', reviewed: true, override: form.override || undefined }),
    ),
    step('schedule-embargo', 'article.publish', none, (id, _, ctx) => scheduleForEmbargo(db, id, by(ctx), { via: 'desk', reviewed: true })),
    step('agency-update', 'article.publish', z.object({ fields: list() }), (id, form, ctx) =>
      applyAgencyUpdate(db, id, form.fields.filter(isAgencyField), by(ctx)),
    ),
    step('agency-update/decline', 'article.publish', none, (id, _, ctx) => declineAgencyUpdate(db, id, by(ctx))),
    step('regenerate-summary', 'article.publish', none, (id, _, ctx) => regenerateSummary(db, id, by(ctx))),
    step('unpublish', 'article.unpublish', none, (id, _, ctx) => unpublishArticle(db, id, by(ctx))),
    step('draft', 'article.publish', none, (id, _, ctx) => returnToDraft(db, id, by(ctx))),
    step('schedule', 'article.publish', z.object({ at: text() }), (id, form, ctx) =>
      scheduleAtLocalTime(db, id, form.at, by(ctx), { via: 'desk', reviewed: true }),
    ),
  ];
}
