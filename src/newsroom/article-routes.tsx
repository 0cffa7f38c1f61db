import { z } from 'zod';
import { articleKinds, articleStatuses, countArticlesBy, getArticle, listArticles, type ArticleInput } from '../content/articles.js';
import { latestAuditFor } from '../content/audit.js';
import { decodeCursor, encodeCursor } from '../content/cursor.js';
import { ConflictError, ValidationError } from '../content/errors.js';
import { createArticle, deleteDraft, editArticle, listCorrections } from '../content/lifecycle.js';
import { listUsers } from '../content/users.js';
import { bylineTime } from '../presentation/format.js';
import { articleViewOf, chromeOf, editionOf } from '../presentation/presenters.js';
import { articlePath } from '../presentation/urls.js';
import { Layout } from '../site/views/layout.js';
import { ArticlePage } from '../site/views/pages.js';
import { ArticleFormPage } from './article-form-views.js';
import { ArticleListPage, DashboardPage } from './article-list-views.js';
import { actorOf, get, page, post, redirect, type Desk, type DeskRoute } from './desk.js';
import { choice, idParams, text } from './desk-input.js';
import { listArticlesWithReads, listLinks, listSortingOf, readsOrderOf } from './article-reads.js';
import { editorPage, loadEditable } from './editor-page.js';
import { articleEditFields, articleFormFields, articleFormModel, articleInputFrom, articleRowOf } from './presenters/articles.js';
import { deskUrls } from '../presentation/desk-urls.js';

/** The dashboard, the article list, and writing and saving an article. The workflow steps are in workflow-routes.tsx. */

const code = (pattern: RegExp, transform = (s: string) => s) => text().transform((v) => (pattern.test(v) ? transform(v) : ''));
const listFilters = z.object({
  status: choice(articleStatuses, undefined),
  kind: choice(articleKinds, undefined),
  sector: text(),
  edition: text(),
  country: code(/^[A-Za-z]{2}$/, (c) => c.toUpperCase()),
  author: code(/^\d{1,9}$/),
  text: text(100),
  before: text().transform(decodeCursor),
  after: text().transform(decodeCursor),
  // The order (article-reads.ts checks it: a bad one is refused, 422).
  sort: z.unknown().optional(),
  page: z.unknown().optional(),
});

export function articleRoutes({ db, config, assets }: Desk): DeskRoute[] {
  return [
    get(deskUrls.home, 'desk.view', {
      handler: async ({ dir }) => {
        const [groups, review, scheduled, recent] = await Promise.all([
          countArticlesBy(db),
          listArticles(db, { status: 'review', limit: 20 }),
          listArticles(db, { status: 'scheduled', limit: 20 }),
          listArticles(db, { limit: 10 }),
        ]);
        const counts = Object.fromEntries(articleStatuses.map((s) => [s, 0]));
        for (const g of groups) counts[g.status] = (counts[g.status] ?? 0) + g.count;
        const rows = (list: typeof review) => list.items.map((a) => articleRowOf(a, dir));
        return page('Dashboard', <DashboardPage counts={counts} review={rows(review)} scheduled={rows(scheduled)} recent={rows(recent)} />);
      },
    }),
    get(deskUrls.articles, 'desk.view', {
      input: { query: listFilters },
      handler: async ({ dir }, { query: q }) => {
        const filters = {
          status: q.status ?? '',
          kind: q.kind ?? '',
          sector: dir.sectorBySlug.has(q.sector) ? q.sector : '',
          edition: dir.editionBySlug.has(q.edition) ? q.edition : '',
          country: q.country,
          author: q.author,
          text: q.text,
        };
        // Without a status filter the desk sees what it is working on: every status but published by last change.
        const sorting = listSortingOf({ sort: q.sort, page: q.page });
        const found = await listArticlesWithReads(
          db,
          {
            status: q.status ?? 'draft',
            kind: q.kind,
            sector: filters.sector || undefined,
            edition: filters.edition || undefined,
            country: filters.country || undefined,
            createdBy: filters.author ? Number(filters.author) : undefined,
            headlineContains: filters.text || undefined,
            before: q.before,
            after: q.after,
          },
          sorting,
          new Date(),
        );
        const shown = new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as [string, string][]);
        const links = listLinks(
          deskUrls.articles(),
          shown,
          { before: q.before ? encodeCursor(q.before) : undefined, after: q.after ? encodeCursor(q.after) : undefined },
          found,
          sorting,
        );
        return page(
          'Articles',
          <ArticleListPage
            rows={found.items.map((a) => ({ ...articleRowOf(a, dir), reads: found.reads.get(a.id) }))}
            filters={{ ...filters, status: q.status ?? 'draft' }}
            options={{
              statuses: articleStatuses.map((s) => ({ value: s, label: s })),
              kinds: articleKinds.map((k) => ({ value: k, label: k })),
              sectors: dir.sectors.map((s) => ({ value: s.slug, label: s.name })),
              editions: dir.editions.map((e) => ({ value: e.slug, label: e.name })),
              authors: (await listUsers(db)).map((u) => ({ value: String(u.id), label: u.displayName })),
            }}
            olderHref={links.olderHref}
            newerHref={links.newerHref}
            order={readsOrderOf(sorting, found, links)}
          />,
        );
      },
    }),
    get(deskUrls.newArticle, 'article.create', {
      handler: async ({ dir, session }) => page('New article', <ArticleFormPage model={articleFormModel(dir, session.csrfToken, null)} />, { script: true }),
    }),
    post(deskUrls.articles, 'article.create', {
      input: { form: articleFormFields },
      handler: async (ctx, { form }) => {
        const article = await createArticle(
          db,
          { ...(articleInputFrom(form, ctx.dir) as ArticleInput), createdBy: ctx.session.user.id },
          { actor: actorOf(ctx) },
        );
        return redirect(deskUrls.article({ id: article.id }));
      },
      refused: async ({ dir, session, form }, { problems }) =>
        page('New article', <ArticleFormPage model={articleFormModel(dir, session.csrfToken, null, articleFormFields.parse(form), problems)} />, {
          script: true,
        }),
    }),
    get(deskUrls.article, 'article.edit', {
      input: { params: idParams },
      handler: async (ctx, { params }) => editorPage(db, ctx, await loadEditable(db, ctx, params.id)),
    }),
    post(deskUrls.article, 'article.edit', {
      input: { params: idParams, form: articleEditFields },
      handler: async (ctx, { params, form: { version, ...values } }) => {
        const article = await loadEditable(db, ctx, params.id);
        try {
          const saved = await editArticle(db, article.id, articleInputFrom(values, ctx.dir), { actor: actorOf(ctx), expectedVersion: version });
          return redirect(deskUrls.article({ id: saved.id }));
        } catch (error) {
          if (!(error instanceof ConflictError)) throw error;
          // Keep the refused version as a draft of its own: nobody's work is lost.
          const last = await latestAuditFor(db, `article ${article.id}:`);
          const headline = `${values.headline || article.headline} (conflicting copy)`.slice(0, 300);
          const copy = await createArticle(
            db,
            { ...(articleInputFrom(values, ctx.dir) as ArticleInput), headline, slug: undefined, createdBy: ctx.session.user.id },
            { actor: actorOf(ctx) },
          ).catch(() => null);
          const current = (await getArticle(db, article.id))!;
          const edition = editionOf(ctx.dir, article);
          const who = last ? `${last.actor} at ${bylineTime(last.at, edition)}` : `someone at ${bylineTime(current.updatedAt, edition)}`;
          const kept = copy ? ` Your version is kept as draft ${copy.id}.` : '';
          return {
            ...(await editorPage(db, ctx, current, {
              errors: [`Not saved: this article was changed by ${who} after you opened it.${kept} The form shows the current version.`],
            })),
            status: 409,
          };
        }
      },
      refused: async (ctx, { problems }, params) => {
        const { version: _, ...values } = articleEditFields.parse(ctx.form);
        return editorPage(db, ctx, await loadEditable(db, ctx, params.id), { values, errors: problems });
      },
    }),
    post(deskUrls.autosave, 'article.edit', {
      input: { params: idParams, form: articleEditFields },
      // Answers the editor script in JSON, its refusals too.
      handler: async (ctx, { params, form: { version, ...values } }) => {
        const article = await loadEditable(db, ctx, params.id);
        const json = (status: number, body: object) => ctx.reply.code(status).header('cache-control', 'no-store').send(body);
        if (article.status !== 'draft' && article.status !== 'review') return json(409, { error: 'Only drafts are saved automatically; use Save.' });
        try {
          const saved = await editArticle(
            db,
            article.id,
            articleInputFrom(values, ctx.dir),
            { actor: actorOf(ctx), expectedVersion: version },
            { autosave: true },
          );
          return json(200, { version: saved.version, savedAt: bylineTime(saved.updatedAt, editionOf(ctx.dir, saved)) });
        } catch (error) {
          if (error instanceof ConflictError)
            return json(409, { error: 'Someone else changed this article: reload it before you go on (your text is still in this window).' });
          if (error instanceof ValidationError) return json(422, { error: `Not saved: ${error.problems.join('; ')}` });
          throw error;
        }
      },
    }),
    get(deskUrls.preview, 'article.edit', {
      input: { params: idParams },
      handler: async (ctx, { params }) => {
        const article = await loadEditable(db, ctx, params.id);
        const { dir } = ctx;
        const view = articleViewOf(article, dir, await listCorrections(db, article.id));
        // Exactly the public page, without side blocks, and never indexed.
        const html = Layout({
          chrome: chromeOf(dir, editionOf(dir, article), new Date()),
          meta: {
            title: `Preview: ${article.headline}`,
            description: article.standfirst,
            canonical: `${config.siteUrl}${articlePath(article)}`,
            noindex: true,
          },
          stylesheet: assets.stylesheet,
          children: <ArticlePage article={view} side={{ trending: [], opinion: [], shots: [], latest: [] }} />,
        });
        return ctx.reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
      },
    }),
    post(deskUrls.articleStep('delete'), 'article.publish', {
      input: { params: idParams },
      handler: async (ctx, { params }) => {
        const article = await loadEditable(db, ctx, params.id);
        await deleteDraft(db, article.id, { actor: actorOf(ctx) });
        return redirect(deskUrls.articles());
      },
    }),
  ];
}
