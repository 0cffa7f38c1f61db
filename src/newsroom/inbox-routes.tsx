import { z } from 'zod';
import type { Article } from '../content/articles.js';
import { recordAudit } from '../content/audit.js';
import { regenerateSummary } from '../wire/agency-copy.js';
import { splitReport } from '../wire/desk-merges.js';
import { getWireVersion, listInbox, primaryCopyOf, publishShotFromInbox, scheduleAtEmbargoFromInbox } from '../wire/inbox.js';
import { applyRewrite, rewriteWireCopy } from '../wire/rewrite.js';
import { listSources } from '../wire/sources.js';
import { actorOf, DeskError, get, page, post, redirect, type Desk, type DeskContext, type DeskRoute } from './desk.js';
import { idParams, optionalId, text } from './desk-input.js';
import { diffWireItems } from './diff.js';
import { InboxPage, RewriteRefused } from './inbox-views.js';
import { can } from './permissions.js';
import { inboxFiltersOf, inboxListFilter, inboxModel, inboxQuery, type InboxQuery } from './presenters/inbox.js';
import { DiffPage } from './revision-views.js';
import { deskUrls, type InboxAction } from '../presentation/desk-urls.js';

/**
 * The wire inbox's single-story actions (the list itself, bulk actions and arrivals are in
 * inbox-triage-routes.tsx; merging is in merge-routes.tsx). A refused action shows the stories
 * again with the reason. Publishing and discarding a story, alone or with others, go through
 * the bulk form and its confirmation (deskUrls.inboxBulk) only.
 */

export function inboxRoutes({ db, config }: Desk): DeskRoute[] {
  async function inboxPage(ctx: DeskContext, query: InboxQuery, errors: string[] = []) {
    const sources = await listSources(db);
    const filters = inboxFiltersOf(query, ctx.dir, sources);
    const found = await listInbox(db, inboxListFilter(filters, query));
    const canTriage = can(ctx.session.user.role, 'wire.triage');
    const model = inboxModel(found, {
      dir: ctx.dir,
      sources,
      filters,
      errors,
      csrfToken: ctx.session.csrfToken,
      canTriage,
      canRewrite: config.llm !== null && canTriage,
    });
    return page('Wire inbox', <InboxPage model={model} />);
  }

  /** An inbox action: one command, then back to the inbox (or where `back` says); a refusal comes back with the reason. */
  const action = <F extends z.ZodType>(
    name: InboxAction,
    form: F,
    run: (id: number, form: z.output<F>, ctx: DeskContext) => Promise<unknown>,
    back = (_result: unknown) => deskUrls.inbox(),
  ): DeskRoute =>
    post(deskUrls.inboxAction(name), 'wire.triage', {
      input: { params: idParams, form },
      handler: async (ctx, input) => redirect(back(await run(input.params.id, input.form as z.output<F>, ctx))),
      refused: async (ctx, { message }) => inboxPage(ctx, inboxQuery.parse(ctx.request.query ?? {}), [message]),
    });
  const none = z.object({});

  return [
    get(deskUrls.inboxItemDiff, 'desk.view', {
      input: { params: idParams, query: z.object({ from: optionalId }) },
      handler: async (_ctx, { params, query }) => {
        const current = await getWireVersion(db, params.id);
        const previous = query.from === null ? null : await getWireVersion(db, query.from);
        if (!current || !previous || previous.item.agency !== current.item.agency || previous.item.itemId !== current.item.itemId) {
          throw new DeskError(404, 'Choose two versions of the same agency item to compare.');
        }
        const { item } = current;
        return page(
          'Agency changes',
          <DiffPage
            headline={item.headline}
            from={`version ${previous.item.version}`}
            to={`version ${item.version}`}
            fields={diffWireItems(previous.item, item)}
          />,
        );
      },
    }),
    action('schedule-embargo', none, (id, _, ctx) => scheduleAtEmbargoFromInbox(db, id, actorOf(ctx))),
    action('regenerate-summary', none, (id, _, ctx) => regenerateSummary(db, id, { actor: actorOf(ctx) })),
    action(
      'shot',
      none,
      (id, _, ctx) => publishShotFromInbox(db, id, actorOf(ctx)),
      (shot) => deskUrls.article({ id: (shot as Article).id }),
    ),
    action(
      'split',
      z.object({ item: text().transform((v) => Number(v) || 0) }),
      (id, form, ctx) => splitReport(db, id, form.item, actorOf(ctx)),
      (story) => `${deskUrls.inbox()}#story-${(story as Article).id}`,
    ),
    post(deskUrls.inboxAction('rewrite'), 'wire.triage', {
      input: { params: idParams },
      handler: async (ctx, { params: { id } }) => {
        if (!config.llm) throw new DeskError(404, 'No language model is configured (LLM_BASE_URL and LLM_MODEL).');
        const copy = await primaryCopyOf(db, id);
        if (!copy) throw new DeskError(404, 'This story was not made from agency copy.');
        const dateline = [copy.datelineCity, copy.datelineCountry].filter(Boolean).join(', ');
        const result = await rewriteWireCopy(config.llm, { headline: copy.headline, standfirst: copy.standfirst, bodyHtml: copy.bodyHtml, dateline });
        if (!result.ok) {
          await recordAudit(db, actorOf(ctx), 'article.rewrite-refused', `article ${id}`, result.reasons.join('; '));
          return page('Rewrite refused', <RewriteRefused articleId={id} reasons={result.reasons} />, { status: 422 });
        }
        await applyRewrite(db, id, result, { actor: actorOf(ctx) });
        return redirect(deskUrls.article({ id }));
      },
    }),
  ];
}
