import { z } from 'zod';
import { hitRateLimits, inHowLong, rateKey, type RateLimit } from '../content/rate-limits.js';
import { getSiteSettings } from '../content/settings.js';
import { backgroundMail } from '../mail/background.js';
import { absoluteUrl } from '../presentation/urls.js';
import { page, publicRoute, type Desk, type DeskContext, type DeskRoute } from './desk.js';
import { nameParam, text } from './desk-input.js';
import { completePasswordReset, issuePasswordReset, ResetLinkError, userOfResetLink } from './password-resets.js';
import { ForgotPasswordPage, PasswordChangedPage, ResetLinkInvalidPage, ResetLinkSentPage, ResetPasswordPage } from './password-reset-views.js';
import { newToken, type Session } from './sessions.js';
import { accountKey, clearFailures } from './throttle.js';
import { deskUrls } from '../presentation/desk-urls.js';

/*
 * "Forgot your password?" for the newsroom: /newsroom/forgot-password asks for an email and
 * always gives the same answer; an enabled account gets a single-use link by mail
 * (/newsroom/reset-password/<token>, one hour). These routes are public; like the sign-in form
 * they carry the double-submit CSRF token the newsroom checks on every POST.
 *
 * Requests are limited per address and per email typed (whether or not it has an account, so
 * the limit tells nothing about accounts).
 */

export const PASSWORD_RESET_RATE_LIMITS: Record<'address' | 'account', RateLimit> = {
  address: { limit: 10, windowMs: 3_600_000 },
  account: { limit: 3, windowMs: 3_600_000 },
};

type Visitor = DeskContext<Session | null>;
const tokenParams = z.object({ token: nameParam });
const emailField = z.object({ email: text().transform((e) => e.trim().toLowerCase().slice(0, 254)) });
const passwordFields = z.object({ password: text(Infinity), password2: text(Infinity) });

const resetMail = (siteName: string, email: string, link: string, ip: string) => ({
  subject: `Set a new password for the ${siteName} newsroom`,
  text: [
    `Someone, probably you, asked to set a new password for the newsroom account ${email} on ${siteName}.`,
    '',
    'Open this link within one hour to choose a new password. It works once:',
    link,
    '',
    'If you did not ask for this, ignore this message: your password stays as it is.',
    '',
    `Asked from the address ${ip} at ${new Date().toISOString()}.`,
  ].join('\n'),
});

export function passwordResetRoutes({ db, config, app, cookies }: Desk): DeskRoute[] {
  const mail = backgroundMail(app.mailer, app.log);
  app.addHook('onClose', async () => mail.settle());

  /** A fresh double-submit token for a public form: sets its cookie and returns the token. */
  const formToken = (ctx: Visitor) => {
    const token = newToken();
    cookies.setSignIn(ctx.reply, token);
    return token;
  };
  const forgotForm = (ctx: Visitor, email: string, errors: string[], status = 200) =>
    page('Forgot your password?', <ForgotPasswordPage csrfToken={formToken(ctx)} email={email} errors={errors} />, { status });
  const resetForm = (ctx: Visitor, token: string, email: string, errors: string[] = [], status = 200) =>
    page('Set a new password', <ResetPasswordPage action={deskUrls.resetPassword({ token })} csrfToken={formToken(ctx)} email={email} errors={errors} />, {
      status,
    });
  const linkGone = () => page('Link no longer works', <ResetLinkInvalidPage />, { status: 410 });

  return [
    publicRoute({ method: 'GET', path: deskUrls.forgotPassword, handler: async (ctx) => forgotForm(ctx, '', []) }),
    publicRoute({
      method: 'POST',
      path: deskUrls.forgotPassword,
      input: { form: emailField },
      handler: async (ctx, { form: { email } }) => {
        if (!/^[^\s@]+@[^\s@]+$/.test(email)) return forgotForm(ctx, email, ['Enter the email address of your account.'], 422);
        const ip = ctx.request.ip;
        const decision = await hitRateLimits(db, [
          { key: rateKey('password-reset', 'address', ip), limit: PASSWORD_RESET_RATE_LIMITS.address },
          { key: rateKey('password-reset', 'account', email), limit: PASSWORD_RESET_RATE_LIMITS.account },
        ]);
        if (!decision.allowed) {
          ctx.reply.header('retry-after', String(decision.retryAfterSeconds));
          return forgotForm(ctx, email, [`Too many requests for a new password. Try again ${inHowLong(decision.retryAfterSeconds)}.`], 429);
        }
        const request = await issuePasswordReset(db, email, { ip });
        if (request.issued) {
          const { siteName } = await getSiteSettings(db);
          const link = absoluteUrl(config.siteUrl, deskUrls.resetPassword({ token: request.token }));
          mail.send({ to: request.user.email, ...resetMail(siteName, request.user.email, link, ip) }, `password reset for user ${request.user.id}`);
        }
        // The same answer whatever happened: the page does not tell who has an account.
        return page('Check your email', <ResetLinkSentPage />);
      },
    }),
    publicRoute({
      method: 'GET',
      path: deskUrls.resetPassword,
      input: { params: tokenParams },
      handler: async (ctx, { params }) => {
        const user = await userOfResetLink(db, params.token);
        return user ? resetForm(ctx, params.token, user.email) : linkGone();
      },
    }),
    publicRoute({
      method: 'POST',
      path: deskUrls.resetPassword,
      input: { params: tokenParams, form: passwordFields },
      handler: async (ctx, { params: { token }, form }) => {
        const user = await userOfResetLink(db, token);
        if (!user) return linkGone();
        if (form.password !== form.password2) return resetForm(ctx, token, user.email, ['The two passwords are not the same.'], 422);
        try {
          const changed = await completePasswordReset(db, token, form.password, { ip: ctx.request.ip });
          await clearFailures(db, accountKey(changed.email));
          return page('Password changed', <PasswordChangedPage />);
        } catch (error) {
          // The link was used or ran out between the check and the change.
          if (error instanceof ResetLinkError) return linkGone();
          throw error;
        }
      },
      refused: async (ctx, { problems }, params) => {
        const user = await userOfResetLink(db, params.token);
        return user
          ? resetForm(
              ctx,
              params.token,
              user.email,
              problems.map((p) => p.replace(/^./, (c) => c.toUpperCase()) + '.'),
            )
          : linkGone();
      },
    }),
  ];
}
