import { Csrf, DeskTable, ErrorList, type Option } from './desk-views.js';
import { deskUrls } from '../presentation/desk-urls.js';

/** Admin screens: users and roles, site settings, static pages, sectors and editions. */

export interface UserRowModel {
  id: number;
  email: string;
  displayName: string;
  role: string;
  disabled: boolean;
  self: boolean;
}

function RoleSelect({ id, name, value, roles }: { id: string; name: string; value: string; roles: Option[] }) {
  return (
    <select id={id} name={name}>
      {roles.map((r) => (
        <option value={r.value} selected={r.value === value} safe>
          {r.label}
        </option>
      ))}
    </select>
  );
}

export function UsersPage({ users, roles, csrfToken, errors }: { users: UserRowModel[]; roles: Option[]; csrfToken: string; errors: string[] }) {
  return (
    <div>
      <h1>Users and roles</h1>
      <ErrorList errors={errors} />
      <DeskTable caption="Newsroom accounts" headers={['Name', 'Email', 'Role', 'Account']}>
        {users.map((u) => (
          <tr>
            <td safe>{u.displayName}</td>
            <td safe>{u.email}</td>
            <td>
              {u.self ? (
                <span safe>{u.role}</span>
              ) : (
                <form method="post" action={deskUrls.userRole({ id: u.id })} class="inline">
                  <Csrf token={csrfToken} />
                  <label for={`role-${u.id}`} class="visually-hidden" safe>{`Role of ${u.email}`}</label>
                  <RoleSelect id={`role-${u.id}`} name="role" value={u.role} roles={roles} />
                  <button type="submit">Change role</button>
                </form>
              )}
            </td>
            <td>
              {u.self ? (
                'you'
              ) : (
                <form method="post" action={deskUrls.userAccount(u.disabled ? 'enable' : 'disable')({ id: u.id })} class="inline">
                  <Csrf token={csrfToken} />
                  <button type="submit">{u.disabled ? 'Enable' : 'Disable'}</button>
                </form>
              )}
            </td>
          </tr>
        ))}
      </DeskTable>
      <h2>Add a user</h2>
      <form method="post" action={deskUrls.users()} class="stack">
        <Csrf token={csrfToken} />
        <label for="new-email">Email</label>
        <input id="new-email" name="email" type="email" required />
        <label for="new-name">Display name</label>
        <input id="new-name" name="displayName" required maxlength="100" />
        <label for="new-role">Role</label>
        <RoleSelect id="new-role" name="role" value="writer" roles={roles} />
        <label for="new-password">Password (at least 12 characters)</label>
        <input id="new-password" name="password" type="password" autocomplete="new-password" required minlength="12" />
        <button type="submit">Add user</button>
      </form>
    </div>
  );
}

export interface SettingsModel {
  siteName: string;
  tagline: string;
  publisherName: string;
  contactEmail: string;
  contactPhones: string;
  socialLinks: string;
  otherLinks: string;
  otherProducts: string;
  agencyCredit: string;
  twitterHandle: string;
  postalAddress: string;
}

export function SettingsPage({ values, csrfToken, errors, saved }: { values: SettingsModel; csrfToken: string; errors: string[]; saved: boolean }) {
  const area = (name: keyof SettingsModel, label: string) => (
    <>
      <label for={name} safe>
        {label}
      </label>
      <textarea id={name} name={name} rows="4" safe>
        {values[name]}
      </textarea>
    </>
  );
  return (
    <div>
      <h1>Site settings</h1>
      {saved ? (
        <p class="notice" role="status">
          Saved.
        </p>
      ) : (
        ''
      )}
      <ErrorList errors={errors} />
      <form method="post" action={deskUrls.settings()} class="stack">
        <Csrf token={csrfToken} />
        <label for="siteName">Site name</label>
        <input id="siteName" name="siteName" required maxlength="100" value={values.siteName} />
        <label for="tagline">Tagline</label>
        <input id="tagline" name="tagline" maxlength="200" value={values.tagline} />
        <label for="publisherName">Publisher</label>
        <input id="publisherName" name="publisherName" required maxlength="200" value={values.publisherName} />
        <label for="contactEmail">Contact email</label>
        <input id="contactEmail" name="contactEmail" type="email" value={values.contactEmail} />
        {area('contactPhones', 'Contact phones (one per line)')}
        {area('postalAddress', 'Postal address (shown in the site footer and in every newsletter)')}
        <label for="twitterHandle">X (Twitter) account, for link previews (@handle)</label>
        <input id="twitterHandle" name="twitterHandle" maxlength="16" value={values.twitterHandle} />
        {area('socialLinks', 'Social profile links (one per line: label | https://…)')}
        {area('otherLinks', 'Other links (one per line: label | URL or /path)')}
        {area('otherProducts', 'Other products (one per line: label | URL)')}
        <fieldset>
          <legend>Credit for agency copy under each story</legend>
          <label>
            <input type="radio" name="agencyCredit" value="generic" checked={values.agencyCredit !== 'names'} /> “(With inputs from agencies.)”
          </label>
          <label>
            <input type="radio" name="agencyCredit" value="names" checked={values.agencyCredit === 'names'} /> The agencies by name, always
          </label>
        </fieldset>
        <button type="submit">Save settings</button>
      </form>
      <h2>Logo</h2>
      <p>The site’s icons, favicon, share image and the logo search engines show are made from it (a square image works best).</p>
      <form method="post" action={deskUrls.settingsLogo()} enctype="multipart/form-data" class="stack">
        <Csrf token={csrfToken} />
        <label for="logo-file">Logo image (PNG, JPEG, WebP or AVIF)</label>
        <input id="logo-file" type="file" name="file" required accept="image/png,image/jpeg,image/webp,image/avif" />
        <button type="submit">Upload the logo</button>
      </form>
    </div>
  );
}

export function PagesListPage({ pages }: { pages: { slug: string; title: string; updated: string }[] }) {
  return (
    <div>
      <h1>Static pages</h1>
      <DeskTable caption="Pages such as about, contact and the legal texts" headers={['Title', 'Address', 'Updated']}>
        {pages.map((p) => (
          <tr>
            <td>
              <a href={deskUrls.page({ slug: p.slug })} safe>
                {p.title}
              </a>
            </td>
            <td safe>{`/page/${p.slug}`}</td>
            <td safe>{p.updated}</td>
          </tr>
        ))}
      </DeskTable>
      <p>
        <a href={deskUrls.page({ slug: 'new-page' })}>Write a new page</a> (change the address in the form)
      </p>
    </div>
  );
}

export function PageFormPage({ slug, title, body, csrfToken, errors }: { slug: string; title: string; body: string; csrfToken: string; errors: string[] }) {
  return (
    <div>
      <h1 safe>{`Page: ${title || slug}`}</h1>
      <ErrorList errors={errors} />
      <form method="post" action={deskUrls.page({ slug })} class="stack">
        <Csrf token={csrfToken} />
        <label for="slug">Address (/page/…)</label>
        <input id="slug" name="slug" required pattern="[a-z0-9]+(-[a-z0-9]+)*" value={slug} />
        <label for="title">Title</label>
        <input id="title" name="title" required maxlength="200" value={title} />
        <label for="body">Text (HTML)</label>
        <textarea id="body" name="body" rows="16" safe>
          {body}
        </textarea>
        <button type="submit">Save page</button>
      </form>
    </div>
  );
}

export function TaxonomyPage({
  sectors,
  editions,
  csrfToken,
  errors,
}: {
  sectors: { slug: string; name: string; description: string; keywords: string }[];
  editions: { slug: string; name: string; timeZone: string; locale: string; tzAbbreviation: string; tzAbbreviationDst: string }[];
  csrfToken: string;
  errors: string[];
}) {
  return (
    <div>
      <h1>Sectors and editions</h1>
      <ErrorList errors={errors} />
      <h2>Sectors</h2>
      <p>
        Saving with an existing address changes that sector; a new address adds one. The wire desk files agency stories under the sectors whose keywords appear
        most (one keyword or phrase per line), together with what it learns from the stories the desk itself files.
      </p>
      {[...sectors, { slug: '', name: '', description: '', keywords: '' }].map((s, i) => (
        <form method="post" action={deskUrls.sectors()} class="inline">
          <Csrf token={csrfToken} />
          <label for={`s-slug-${i}`}>Address</label>
          <input id={`s-slug-${i}`} name="slug" required value={s.slug} size="18" />
          <label for={`s-name-${i}`}>Name</label>
          <input id={`s-name-${i}`} name="name" required value={s.name} />
          <label for={`s-desc-${i}`}>Description</label>
          <input id={`s-desc-${i}`} name="description" value={s.description} size="40" />
          <label for={`s-keywords-${i}`}>Keywords</label>
          <textarea id={`s-keywords-${i}`} name="keywords" rows="3" cols="40" safe>
            {s.keywords}
          </textarea>
          <button type="submit">{s.slug ? 'Save sector' : 'Add sector'}</button>
        </form>
      ))}
      <h2>Editions</h2>
      {[...editions, { slug: '', name: '', timeZone: '', locale: 'en', tzAbbreviation: '', tzAbbreviationDst: '' }].map((e, i) => (
        <form method="post" action={deskUrls.editions()} class="inline">
          <Csrf token={csrfToken} />
          <label for={`e-slug-${i}`}>Address</label>
          <input id={`e-slug-${i}`} name="slug" required value={e.slug} size="16" />
          <label for={`e-name-${i}`}>Name</label>
          <input id={`e-name-${i}`} name="name" required value={e.name} />
          <label for={`e-tz-${i}`}>Time zone</label>
          <input id={`e-tz-${i}`} name="timeZone" required value={e.timeZone} size="16" />
          <label for={`e-locale-${i}`}>Locale</label>
          <input id={`e-locale-${i}`} name="locale" required value={e.locale} size="6" />
          <label for={`e-abbr-${i}`}>Abbreviation</label>
          <input id={`e-abbr-${i}`} name="tzAbbreviation" required value={e.tzAbbreviation} size="5" />
          <label for={`e-dst-${i}`}>Summer abbreviation</label>
          <input id={`e-dst-${i}`} name="tzAbbreviationDst" value={e.tzAbbreviationDst} size="5" />
          <button type="submit">{e.slug ? 'Save edition' : 'Add edition'}</button>
        </form>
      ))}
    </div>
  );
}
