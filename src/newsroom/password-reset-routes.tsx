import type { FastifyInstance, FastifyReply } from 'fastify';
import { recordAudit } from '../content/audit.js';
import { ValidationError } from '../content/errors.js';
import { hitRateLimits, inHowLong, rateKey, type RateLimit } from '../content/rate-limits.js';
import { getSiteSettings } from '../content/settings.js';
import type { Config } from '../config.js';
import type { DB } from '../db/connect.js';
import { backgroundMail } from '../mail/background.js';
import { absoluteUrl } from '../presentation/urls.js';
import { completePasswordReset, issuePasswordReset, ResetLinkError, userOfResetLink } from './password-resets.js';
import { ForgotPasswordPage, PasswordChangedPage, ResetLinkInvalidPage, ResetLinkSentPage, ResetPasswordPage } from './password-reset-views.js';
import type { DeskContext, DeskRoute } from './desk.js';
import { accountKey, clearFailures } from './throttle.js';

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

export const resetLinkPath = (token: string) => `/newsroom/reset-password/${token}`;

const field = (ctx: DeskContext, name: string): string => {
  const v = ctx.form[name];
  return (Array.isArray(v) ? v[0] : v)?.toString() ?? '';
};

export function passwordResetDeskRoutes({
  app,
  db,
  config,
  formToken,
}: {
  app: FastifyInstance;
  db: DB;
  config: Pick<Config, 'siteUrl'>;
  /** A fresh double-submit token for a public form: sets its cookie and returns the token. */
  formToken: (reply: FastifyReply) => string;
}): DeskRoute[] {
  const mail = backgroundMail(app.mailer, app.log);
  app.addHook('onClose', async () => mail.settle());

  const forgotForm = (ctx: DeskContext, email: string, errors: string[], status: number) =>
    ctx.render('Forgot your password?', <ForgotPasswordPage csrfToken={formToken(ctx.reply)} email={email} errors={errors} />, status);

  const resetForm = (ctx: DeskContext, email: string, errors: string[] = [], status = 200) =>
    ctx.render('Set a new password', <ResetPasswordPage action={resetLinkPath(ctx.params.token ?? '')} csrfToken={formToken(ctx.reply)} email={email} errors={errors} />, status);

  const linkGone = (ctx: DeskContext) => ctx.render('Link no longer works', <ResetLinkInvalidPage />, 410);

  return [
    {
      method: 'GET',
      url: '/newsroom/forgot-password',
      permission: 'public',
      handler: async (ctx) => forgotForm(ctx, '', [], 200),
    },
    {
      method: 'POST',
      url: '/newsroom/forgot-password',
      permission: 'public',
      handler: async (ctx) => {
        const email = field(ctx, 'email').trim().toLowerCase().slice(0, 254);
        if (!/^[^\s@]+@[^\s@]+$/.test(email)) return forgotForm(ctx, email, ['Enter the email address of your account.'], 422);
        const decision = await hitRateLimits(db, [
          { key: rateKey('password-reset', 'address', ctx.request.ip), limit: PASSWORD_RESET_RATE_LIMITS.address },
          { key: rateKey('password-reset', 'account', email), limit: PASSWORD_RESET_RATE_LIMITS.account },
        ]);
        if (!decision.allowed) {
          ctx.reply.header('retry-after', String(decision.retryAfterSeconds));
          return forgotForm(ctx, email, [`Too many requests for a new password. Try again ${inHowLong(decision.retryAfterSeconds)}.`], 429);
        }
        const request = await issuePasswordReset(db, email);
        if (request.issued) {
          const { siteName } = await getSiteSettings(db);
          const link = absoluteUrl(config.siteUrl, resetLinkPath(request.token));
          mail.send(
            {
              to: request.user.email,
              subject: `Set a new password for the ${siteName} newsroom`,
              text: [
                `Someone, probably you, asked to set a new password for the newsroom account ${request.user.email} on ${siteName}.`,
                '',
                'Open this link within one hour to choose a new password. It works once:',
                link,
                '',
                'If you did not ask for this, ignore this message: your password stays as it is.',
                '',
                `Asked from the address ${ctx.request.ip} at ${new Date().toISOString()}.`,
              ].join('\n'),
            },
            `password reset for user ${request.user.id}`,
          );
          await recordAudit(db, { name: request.user.email, userId: request.user.id }, 'user.password-reset-requested', `user ${request.user.id}: ${request.user.email}`, `from ${ctx.request.ip}`);
        } else {
          await recordAudit(db, { name: email, userId: null }, 'user.password-reset-refused', '', `${request.reason}, from ${ctx.request.ip}`);
        }
        // The same answer whatever happened: the page does not tell who has an account.
        return ctx.render('Check your email', <ResetLinkSentPage />);
      },
    },
    {
      method: 'GET',
      url: '/newsroom/reset-password/:token',
      permission: 'public',
      handler: async (ctx) => {
        const user = await userOfResetLink(db, ctx.params.token ?? '');
        return user ? resetForm(ctx, user.email) : linkGone(ctx);
      },
    },
    {
      method: 'POST',
      url: '/newsroom/reset-password/:token',
      permission: 'public',
      handler: async (ctx) => {
        const token = ctx.params.token ?? '';
        const password = field(ctx, 'password');
        const user = await userOfResetLink(db, token);
        if (!user) return linkGone(ctx);
        if (password !== field(ctx, 'password2')) return resetForm(ctx, user.email, ['The two passwords are not the same.'], 422);
        try {
          const changed = await completePasswordReset(db, token, password);
          await clearFailures(db, accountKey(changed.email));
          await recordAudit(db, { name: changed.email, userId: changed.id }, 'user.password-reset', `user ${changed.id}: ${changed.email}`, `by emailed link, from ${ctx.request.ip}; all sessions ended`);
          return ctx.render('Password changed', <PasswordChangedPage />);
        } catch (error) {
          if (error instanceof ResetLinkError) return linkGone(ctx);
          if (error instanceof ValidationError) return resetForm(ctx, user.email, error.problems.map((p) => p.replace(/^./, (c) => c.toUpperCase()) + '.'), 422);
          throw error;
        }
      },
    },
  ];
}
