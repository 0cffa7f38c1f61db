import { z } from 'zod';
import { actorOf, page, post, publicRoute, redirect, type Desk, type DeskContext, type DeskRoute } from './desk.js';
import { text } from './desk-input.js';
import { newToken, signIn, signOut, type Session } from './sessions.js';
import { SignInPage } from './sign-in-views.js';
import { accountKey, addressKey, admitAttempt, clearFailures, lockedFor, refundAttempt } from './throttle.js';
import { deskUrls, safeNext } from '../presentation/desk-urls.js';

/** Signing in (throttled per account and per address, throttle.ts) and out. */

const signInForm = z.object({
  email: text().transform((e) => e.trim().toLowerCase().slice(0, 254)),
  password: text(Infinity),
  next: text().transform(safeNext),
});

export function signInRoutes({ db, cookies }: Desk): DeskRoute[] {
  /** The form again, with a fresh double-submit token. */
  const form = (ctx: DeskContext<Session | null>, next: string, problem?: { email: string; error: string; status: number }) => {
    const token = newToken();
    cookies.setSignIn(ctx.reply, token);
    return page('Sign in', <SignInPage csrfToken={token} email={problem?.email} error={problem?.error} next={next} />, { status: problem?.status });
  };

  return [
    publicRoute({
      method: 'GET',
      path: deskUrls.signIn,
      input: {
        query: z.object({
          next: z
            .unknown()
            .optional()
            .transform((n) => safeNext(typeof n === 'string' ? n : undefined)),
        }),
      },
      handler: async (ctx, { query }) => (ctx.session ? redirect(deskUrls.home()) : form(ctx, query.next)),
    }),
    publicRoute({
      method: 'POST',
      path: deskUrls.signIn,
      input: { form: signInForm },
      handler: async (ctx, { form: { email, password, next } }) => {
        const keys = [accountKey(email), addressKey(ctx.request.ip)];
        const again = (error: string, status: number) => form(ctx, next, { email, error, status });
        // Counted first, checked only when admitted: parallel guesses cannot all pass the check.
        const gate = await admitAttempt(db, keys);
        if (!gate.admitted) return again(`Too many failed sign-ins. Try again in ${gate.waitSeconds} seconds.`, 429);
        // Checked, and on success a new session in place of any the browser had (a cookie
        // planted before cannot be promoted), audited either way.
        const signedIn = await signIn(db, email, password, {
          ip: ctx.request.ip,
          userAgent: String(ctx.request.headers['user-agent'] ?? ''),
          replacing: cookies.sessionToken(ctx.request),
        });
        if (!signedIn) {
          const nowLocked = await lockedFor(db, keys);
          return nowLocked > 0 ? again(`Too many failed sign-ins. Try again in ${nowLocked} seconds.`, 429) : again('The email or the password is wrong.', 401);
        }
        await clearFailures(db, accountKey(email));
        await refundAttempt(db, addressKey(ctx.request.ip));
        cookies.setSession(ctx.reply, signedIn.token);
        cookies.clearSignIn(ctx.reply);
        return redirect(next);
      },
    }),
    post(deskUrls.signOut, 'desk.view', {
      handler: async (ctx) => {
        await signOut(db, cookies.sessionToken(ctx.request), actorOf(ctx));
        cookies.clearSession(ctx.reply);
        return redirect(deskUrls.signIn());
      },
    }),
  ];
}
