import { MIN_PASSWORD_LENGTH } from '../content/users.js';
import { Csrf, ErrorList } from './desk-views.js';
import { deskUrls } from '../presentation/desk-urls.js';

/** "Forgot your password?": ask for a link, and set a new password through it. */

export function ForgotPasswordPage({ csrfToken, email = '', errors = [] }: { csrfToken: string; email?: string; errors?: string[] }) {
  return (
    <div class="narrow">
      <h1>Forgot your password?</h1>
      <p>Enter the email address of your newsroom account. We will send a link to set a new password; it works once, for one hour.</p>
      <ErrorList errors={errors} />
      <form method="post" action={deskUrls.forgotPassword()} class="stack">
        <Csrf token={csrfToken} />
        <label for="email">Email</label>
        <input id="email" name="email" type="email" autocomplete="username" required maxlength="254" value={email} />
        <button type="submit">Send the link</button>
      </form>
      <p>
        <a href={deskUrls.signIn()}>Back to sign-in</a>
      </p>
    </div>
  );
}

export function ResetLinkSentPage() {
  return (
    <div class="narrow">
      <h1>Check your email</h1>
      <p>
        If the address belongs to an active newsroom account, a link to set a new password is on its way. It works once, for one hour. Nothing arrived? Check
        the spam folder, or ask an administrator.
      </p>
      <p>
        <a href={deskUrls.signIn()}>Back to sign-in</a>
      </p>
    </div>
  );
}

export function ResetPasswordPage({ action, csrfToken, email, errors = [] }: { action: string; csrfToken: string; email: string; errors?: string[] }) {
  return (
    <div class="narrow">
      <h1>Set a new password</h1>
      <p safe>{`For ${email}. Signing in with the new password ends every session the account has open now.`}</p>
      <ErrorList errors={errors} />
      <form method="post" action={action} class="stack">
        <Csrf token={csrfToken} />
        {/* Lets password managers file the new password under the right account. */}
        <input type="hidden" name="username" value={email} autocomplete="username" />
        <label for="password">New password</label>
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
        <button type="submit">Set the password</button>
      </form>
    </div>
  );
}

export function ResetLinkInvalidPage() {
  return (
    <div class="narrow">
      <h1>This link no longer works</h1>
      <p>Password reset links work once, for one hour, and only the newest one sent to an account. Ask for a new link.</p>
      <p>
        <a href={deskUrls.forgotPassword()}>Send a new link</a>
        {' · '}
        <a href={deskUrls.signIn()}>Sign in</a>
      </p>
    </div>
  );
}

export function PasswordChangedPage() {
  return (
    <div class="narrow">
      <h1>Your password has been changed</h1>
      <p>Every session of your account has been ended. Sign in with the new password.</p>
      <p>
        <a href={deskUrls.signIn()}>Sign in</a>
      </p>
    </div>
  );
}
