import { z } from 'zod';
import { findPage, listPages, savePage } from '../content/pages.js';
import { bylineTime } from '../presentation/format.js';
import { PageFormPage, PagesListPage } from './admin-views.js';
import { actorOf, get, page, post, redirect, type Desk, type DeskRoute } from './desk.js';
import { nameParam, text } from './desk-input.js';
import { deskUrls } from '../presentation/desk-urls.js';

/** The site's own pages (about, contact, …): the list, and writing one (editors and admins). */

const slugParams = z.object({ slug: nameParam });
const pageFields = z.object({ slug: text(Infinity), title: text(Infinity), body: text(Infinity) });

export function pageRoutes({ db }: Desk): DeskRoute[] {
  return [
    get(deskUrls.pages, 'pages.manage', {
      handler: async ({ dir }) => {
        const pages = await listPages(db);
        return page(
          'Pages',
          <PagesListPage pages={pages.map((p) => ({ slug: p.slug, title: p.title, updated: bylineTime(p.updatedAt, dir.defaultEdition) }))} />,
        );
      },
    }),
    get(deskUrls.page, 'pages.manage', {
      input: { params: slugParams },
      handler: async (ctx, { params }) => {
        const found = await findPage(db, params.slug);
        return page(
          'Page',
          <PageFormPage slug={found?.slug ?? params.slug} title={found?.title ?? ''} body={found?.body ?? ''} csrfToken={ctx.session.csrfToken} errors={[]} />,
        );
      },
    }),
    post(deskUrls.page, 'pages.manage', {
      input: { params: slugParams, form: pageFields },
      handler: async (ctx, { params, form }) => {
        const saved = await savePage(db, { ...form, slug: form.slug || params.slug }, actorOf(ctx));
        return redirect(deskUrls.page({ slug: saved.slug }));
      },
      refused: async (ctx, { problems }, params) => {
        const form = pageFields.parse(ctx.form);
        return page('Page', <PageFormPage {...form} slug={form.slug || params.slug} csrfToken={ctx.session.csrfToken} errors={problems} />);
      },
    }),
  ];
}
