import { Csrf, DeskTable, ErrorList, type Option } from './desk-views.js';
import { deskUrls } from '../presentation/desk-urls.js';

/** Author profiles: the list, and one profile's form. */

export interface AuthorRow {
  slug: string;
  name: string;
  hasProfile: boolean;
  href: string;
  publicHref: string;
}

export interface AuthorFormValues {
  name: string;
  bio: string;
  links: string;
  userId: string;
}

export function AuthorsPage({
  rows,
  csrfToken,
  errors,
  values,
  users,
}: {
  rows: AuthorRow[];
  csrfToken: string;
  errors: string[];
  values: AuthorFormValues;
  users: Option[];
}) {
  return (
    <div>
      <h1>Authors</h1>
      <p>Everyone a byline names has a page listing their stories. A profile adds a short bio, a photo and links.</p>
      <DeskTable caption="Authors with a profile" headers={['Name', 'Page']}>
        {rows.map((r) => (
          <tr>
            <td>
              <a href={r.href} safe>
                {r.name}
              </a>
            </td>
            <td>
              <a href={r.publicHref} safe>
                {r.publicHref}
              </a>
            </td>
          </tr>
        ))}
      </DeskTable>
      <h2>Add or change a profile</h2>
      <AuthorForm action={deskUrls.authors()} csrfToken={csrfToken} errors={errors} values={values} users={users} />
    </div>
  );
}

export function AuthorForm({
  action,
  csrfToken,
  errors,
  values,
  users,
  photo,
}: {
  action: string;
  csrfToken: string;
  errors: string[];
  values: AuthorFormValues;
  users: Option[];
  photo?: { src: string; alt: string } | null;
}) {
  return (
    <>
      <ErrorList errors={errors} />
      {photo ? <img src={photo.src} alt={photo.alt} width="120" /> : ''}
      <form method="post" action={action} enctype="multipart/form-data" class="stack">
        <Csrf token={csrfToken} />
        <label for="au-name">Name, exactly as bylines give it (the page is /author/ and the name in lower case with hyphens)</label>
        <input id="au-name" name="name" required maxlength="100" value={values.name} />
        <label for="au-bio">Short bio (at most 600 characters)</label>
        <textarea id="au-bio" name="bio" rows="4" maxlength="600" safe>
          {values.bio}
        </textarea>
        <label for="au-links">Links (one per line: label | https://…)</label>
        <textarea id="au-links" name="links" rows="3" safe>
          {values.links}
        </textarea>
        <label for="au-user">Newsroom user (none for an outside contributor)</label>
        <select id="au-user" name="userId">
          <option value="">None</option>
          {users.map((u) => (
            <option value={u.value} selected={u.value === values.userId} safe>
              {u.label}
            </option>
          ))}
        </select>
        <label for="au-photo">Photo (JPEG, PNG, WebP or AVIF; optional)</label>
        <input id="au-photo" type="file" name="photo" accept="image/jpeg,image/png,image/webp,image/avif" />
        <button type="submit">Save the profile</button>
      </form>
    </>
  );
}
