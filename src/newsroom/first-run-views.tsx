import { MIN_PASSWORD_LENGTH } from '../content/users.js';
import { Csrf, ErrorList } from './desk-views.js';

/** The first-run form: shown instead of the sign-in while the site has no newsroom users. */

export interface FirstRunModel {
  siteName: string;
  siteUrl: string;
  adminName: string;
  adminEmail: string;
}

export function FirstRunPage({ csrfToken, values, errors = [] }: { csrfToken: string; values: FirstRunModel; errors?: string[] }) {
  return (
    <div class="narrow">
      <h1>Set up this site</h1>
      <p>
        This newsroom has no users yet. Name the site, give its public address and create the first administrator. The fifteen sectors and twelve editions are
        set up with it; you can change them afterwards.
      </p>
      <ErrorList errors={errors} />
      <form method="post" action="/newsroom/set-up" class="stack">
        <Csrf token={csrfToken} />
        <label for="siteName">Site name</label>
        <input id="siteName" name="siteName" required maxlength="100" value={values.siteName} />
        <label for="siteUrl">Public address (URL)</label>
        <input id="siteUrl" name="siteUrl" type="url" required maxlength="500" placeholder="https://news.example.org" value={values.siteUrl} />
        <label for="adminName">Your name</label>
        <input id="adminName" name="adminName" required maxlength="100" autocomplete="name" value={values.adminName} />
        <label for="adminEmail">Your email (you sign in with it)</label>
        <input id="adminEmail" name="adminEmail" type="email" required maxlength="254" autocomplete="username" value={values.adminEmail} />
        <label for="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="new-password"
          required
          minlength={String(MIN_PASSWORD_LENGTH)}
          maxlength="1024"
          aria-describedby="password-hint"
        />
        <p id="password-hint">{`At least ${MIN_PASSWORD_LENGTH} characters.`}</p>
        <label for="password2">The same password again</label>
        <input id="password2" name="password2" type="password" autocomplete="new-password" required minlength={String(MIN_PASSWORD_LENGTH)} maxlength="1024" />
        <button type="submit">Set up the site</button>
      </form>
    </div>
  );
}

export function SiteSetUpPage({ siteName, email }: { siteName: string; email: string }) {
  return (
    <div class="narrow">
      <h1>The site is set up</h1>
      <p safe>{`${siteName} has its sections, editions and its first administrator, ${email}. Sign in with that email and the password you chose.`}</p>
      <p>
        <a href="/newsroom/sign-in">Sign in</a>
      </p>
    </div>
  );
}

export function SetUpTakenPage() {
  return (
    <div class="narrow">
      <h1>This site has just been set up</h1>
      <p>Someone else set the site up a moment ago, so your form changed nothing. Sign in with an account they give you.</p>
      <p>
        <a href="/newsroom/sign-in">Sign in</a>
      </p>
    </div>
  );
}
