import { z } from 'zod';
import { findAuthor, listAuthors, saveAuthor, type Author } from '../content/authors.js';
import { authorSlugOf } from '../util/slug.js';
import { storeUploadedImage } from '../content/uploads.js';
import { listUsers } from '../content/users.js';
import { authorPath, imagePath } from '../presentation/urls.js';
import { AuthorForm, AuthorsPage, type AuthorFormValues } from './author-views.js';
import { actorOf, DeskError, get, page, post, redirect, type Desk, type DeskContext, type DeskRoute } from './desk.js';
import { nameParam, text } from './desk-input.js';
import { deskUrls } from '../presentation/desk-urls.js';

/** Author profiles (`authors.manage`): `/newsroom/authors` and `/newsroom/authors/<slug>`. */

const empty: AuthorFormValues = { name: '', bio: '', links: '', userId: '' };
const valuesOf = (a: Author): AuthorFormValues => ({
  name: a.name,
  bio: a.bio,
  links: a.links.map((l) => `${l.label} | ${l.url}`).join('\n'),
  userId: a.userId ? String(a.userId) : '',
});
/** The form as sent, shown again when it is refused. */
const authorFields = z.object({ name: text(), bio: text(), links: text(), userId: text() }) satisfies z.ZodType<AuthorFormValues>;

const linksOf = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [label, url] = l.split('|').map((p) => p.trim());
      return { label: label ?? '', url: url ?? '' };
    });

export function authorRoutes({ db, config }: Desk): DeskRoute[] {
  const users = async () => (await listUsers(db)).map((u) => ({ value: String(u.id), label: `${u.displayName} (${u.email})` }));

  async function save(ctx: DeskContext, f: AuthorFormValues): Promise<Author> {
    const photo = ctx.files.photo;
    // The profile of that name, if there is one: its photo stays unless a new one is sent.
    const current = f.name.trim() ? await findAuthor(db, authorSlugOf(f.name.trim())) : null;
    let photoMediaId = current?.photo?.id ?? null;
    if (photo && photo.bytes > 0) {
      photoMediaId = (
        await storeUploadedImage(db, config.dataDir, photo, {
          altText: `Photo of ${f.name || 'the author'}`,
          caption: '',
          credit: '',
          digitalSourceType: 'digitalCapture',
        })
      ).id;
    }
    return saveAuthor(
      db,
      { name: f.name, bio: f.bio, links: linksOf(f.links), photoMediaId, userId: /^\d+$/.test(f.userId) ? Number(f.userId) : null },
      actorOf(ctx),
    );
  }

  async function listPage(ctx: DeskContext, errors: string[] = [], values = empty) {
    const rows = (await listAuthors(db)).map((a) => ({
      slug: a.slug,
      name: a.name,
      hasProfile: true,
      href: deskUrls.author({ slug: a.slug }),
      publicHref: authorPath(a.slug),
    }));
    return page('Authors', <AuthorsPage rows={rows} csrfToken={ctx.session.csrfToken} errors={errors} values={values} users={await users()} />);
  }

  return [
    get(deskUrls.authors, 'authors.manage', { handler: async (ctx) => listPage(ctx) }),
    post(deskUrls.authors, 'authors.manage', {
      uploads: true,
      input: { form: authorFields },
      handler: async (ctx, { form }) => redirect(deskUrls.author({ slug: (await save(ctx, form)).slug })),
      refused: async (ctx, { problems }) => listPage(ctx, problems, authorFields.parse(ctx.form)),
    }),
    get(deskUrls.author, 'authors.manage', {
      input: { params: z.object({ slug: nameParam }) },
      handler: async (ctx, { params }) => {
        const author = await findAuthor(db, params.slug);
        if (!author) throw new DeskError(404, 'There is no author with that page.');
        const photo = author.photo ? { src: imagePath(author.photo.file, 320), alt: author.photo.altText } : null;
        return page(
          `Author ${author.name}`,
          <div>
            <h1 safe>{`Author: ${author.name}`}</h1>
            <p>
              <a href={authorPath(author.slug)}>Public page</a>
            </p>
            <AuthorForm
              action={deskUrls.authors()}
              csrfToken={ctx.session.csrfToken}
              errors={[]}
              values={valuesOf(author)}
              users={await users()}
              photo={photo}
            />
          </div>,
        );
      },
    }),
  ];
}
