import { findAuthor, listAuthors, saveAuthor, type Author } from '../content/authors.js';
import { ConflictError, ValidationError } from '../content/errors.js';
import { storeUploadedImage } from '../content/uploads.js';
import { listUsers } from '../content/users.js';
import type { DB } from '../db/connect.js';
import { authorSlugOf } from '../util/slug.js';
import { authorPath, imagePath } from '../presentation/urls.js';
import { formText as text } from '../util/form.js';
import { AuthorForm, AuthorsPage, type AuthorFormValues } from './author-views.js';
import { actorOf, DeskError, type DeskContext, type DeskRoute } from './desk.js';

/** Author profiles (`authors.manage`): `/newsroom/authors` and `/newsroom/authors/<slug>`. */

const empty: AuthorFormValues = { name: '', bio: '', links: '', userId: '' };
const valuesOf = (a: Author): AuthorFormValues => ({ name: a.name, bio: a.bio, links: a.links.map((l) => `${l.label} | ${l.url}`).join('\n'), userId: a.userId ? String(a.userId) : '' });
const valuesOfForm = (f: DeskContext['form']): AuthorFormValues => ({ name: text(f.name), bio: text(f.bio), links: text(f.links), userId: text(f.userId) });

export function authorDeskRoutes({ db, dataDir }: { db: DB; dataDir: string }): DeskRoute[] {
  const users = async () => (await listUsers(db)).map((u) => ({ value: String(u.id), label: `${u.displayName} (${u.email})` }));

  async function save(ctx: DeskContext): Promise<Author> {
    const f = ctx.form;
    const photo = ctx.files.photo;
    // The profile of that name, if there is one: its photo stays unless a new one is sent.
    const current = text(f.name).trim() ? await findAuthor(db, authorSlugOf(text(f.name).trim())) : null;
    let photoMediaId = current?.photo?.id ?? null;
    if (photo && photo.bytes > 0) {
      photoMediaId = (await storeUploadedImage(db, dataDir, photo, { altText: `Photo of ${text(f.name) || 'the author'}`, caption: '', credit: '', digitalSourceType: 'digitalCapture' })).id;
    }
    const links = text(f.links).split(/\r?\n/).map((l) => l.trim()).filter(Boolean).map((l) => {
      const [label, url] = l.split('|').map((p) => p.trim());
      return { label: label ?? '', url: url ?? '' };
    });
    return saveAuthor(db, { name: text(f.name), bio: text(f.bio), links, photoMediaId, userId: /^\d+$/.test(text(f.userId)) ? Number(text(f.userId)) : null }, actorOf(ctx));
  }

  async function listPage(ctx: DeskContext, errors: string[] = [], values = empty, status = 200) {
    const rows = (await listAuthors(db)).map((a) => ({ slug: a.slug, name: a.name, hasProfile: true, href: `/newsroom/authors/${a.slug}`, publicHref: authorPath(a.slug) }));
    return ctx.render('Authors', <AuthorsPage rows={rows} csrfToken={ctx.session!.csrfToken} errors={errors} values={values} users={await users()} />, status);
  }

  return [
    { method: 'GET', url: '/newsroom/authors', permission: 'authors.manage', handler: (ctx) => listPage(ctx) },
    {
      method: 'POST',
      url: '/newsroom/authors',
      permission: 'authors.manage',
      uploads: true,
      handler: async (ctx) => {
        try {
          const author = await save(ctx);
          return ctx.reply.redirect(`/newsroom/authors/${author.slug}`, 303);
        } catch (error) {
          if (error instanceof ValidationError) return listPage(ctx, error.problems, valuesOfForm(ctx.form), 422);
          if (error instanceof ConflictError) return listPage(ctx, [error.message], valuesOfForm(ctx.form), 409);
          throw error;
        }
      },
    },
    {
      method: 'GET',
      url: '/newsroom/authors/:slug',
      permission: 'authors.manage',
      handler: async (ctx) => {
        const author = await findAuthor(db, ctx.params.slug ?? '');
        if (!author) throw new DeskError(404, 'There is no author with that page.');
        return ctx.render(
          `Author ${author.name}`,
          <div>
            <h1 safe>{`Author: ${author.name}`}</h1>
            <p>
              <a href={authorPath(author.slug)}>Public page</a>
            </p>
            <AuthorForm action="/newsroom/authors" csrfToken={ctx.session!.csrfToken} errors={[]} values={valuesOf(author)} users={await users()} photo={author.photo ? { src: imagePath(author.photo.file, 320), alt: author.photo.altText } : null} />
          </div>,
        );
      },
    },
  ];
}
