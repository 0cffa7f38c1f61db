import { Csrf } from './desk-views.js';
import { deskUrls } from './urls.js';

export function SignInPage({ error, email, csrfToken, next }: { error?: string; email?: string; csrfToken: string; next: string }) {
  return (
    <div class="narrow">
      <h1>Sign in to the newsroom</h1>
      {error ? (
        <p class="notice" role="alert" safe>
          {error}
        </p>
      ) : (
        ''
      )}
      <form method="post" action={deskUrls.signIn()} class="stack">
        <Csrf token={csrfToken} />
        <input type="hidden" name="next" value={next} />
        <label for="email">Email</label>
        <input id="email" name="email" type="email" autocomplete="username" required value={email ?? ''} />
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <button type="submit">Sign in</button>
      </form>
      <p>
        <a href={deskUrls.forgotPassword()}>Forgot your password?</a>
      </p>
    </div>
  );
}
