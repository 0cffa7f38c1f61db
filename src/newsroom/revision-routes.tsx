import { z } from 'zod';
import { listRevisions } from '../content/articles.js';
import { restoreRevision } from '../content/lifecycle.js';
import { bylineTime } from '../presentation/format.js';
import { editionOf } from '../presentation/presenters.js';
import { actorOf, DeskError, get, page, post, redirect, type Desk, type DeskRoute } from './desk.js';
import { idParam, idParams, optionalId } from './desk-input.js';
import { diffArticles } from './diff.js';
import { loadEditable } from './editor-page.js';
import { can } from './permissions.js';
import { DiffPage, RevisionsPage } from './revision-views.js';
import { deskUrls } from '../presentation/desk-urls.js';

/** An article's revisions: the list, the changes between two, and restoring one (editors). */

export function revisionRoutes({ db }: Desk): DeskRoute[] {
  return [
    get(deskUrls.revisions, 'article.edit', {
      input: { params: idParams },
      handler: async (ctx, { params }) => {
        const article = await loadEditable(db, ctx, params.id);
        const edition = editionOf(ctx.dir, article);
        const revisions = await listRevisions(db, article.id);
        return page(
          'Revisions',
          <RevisionsPage
            headline={article.headline}
            articleId={article.id}
            csrfToken={ctx.session.csrfToken}
            canRestore={can(ctx.session.user.role, 'article.restore')}
            revisions={revisions.map((r) => ({ id: r.id, at: bylineTime(r.createdAt, edition), actor: r.actor, summary: r.summary }))}
          />,
        );
      },
    }),
    get(deskUrls.articleDiff, 'article.edit', {
      input: { params: idParams, query: z.object({ from: optionalId, to: optionalId }) },
      handler: async (ctx, { params, query }) => {
        const article = await loadEditable(db, ctx, params.id);
        const edition = editionOf(ctx.dir, article);
        const revisions = await listRevisions(db, article.id);
        const from = revisions.find((r) => r.id === query.from);
        const to = revisions.find((r) => r.id === query.to);
        if (!from || !to) throw new DeskError(404, 'Choose two revisions of this article to compare.');
        return page(
          'Changes',
          <DiffPage
            headline={article.headline}
            from={bylineTime(from.createdAt, edition)}
            to={bylineTime(to.createdAt, edition)}
            fields={diffArticles(from.snapshot, to.snapshot)}
          />,
        );
      },
    }),
    post(deskUrls.restoreRevision, 'article.restore', {
      input: { params: z.object({ id: idParam, revision: idParam }) },
      handler: async (ctx, { params }) => {
        const article = await loadEditable(db, ctx, params.id);
        await restoreRevision(db, article.id, params.revision, { actor: actorOf(ctx) });
        return redirect(deskUrls.article({ id: article.id }));
      },
    }),
  ];
}
