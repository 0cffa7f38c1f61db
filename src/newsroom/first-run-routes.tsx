import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../content/errors.js';
import { isSiteSetUp, setUpSite, SiteAlreadySetUpError } from '../content/site-setup.js';
import type { DB } from '../db/connect.js';
import type { NewsroomCookies } from './cookies.js';
import { DeskError, type DeskContext, type DeskRoute } from './desk.js';
import { FirstRunPage, SetUpTakenPage, SiteSetUpPage, type FirstRunModel } from './first-run-views.js';
import { newToken } from './sessions.js';

/*
 * The first-run screen of `wiredesk serve` (not --demo): while the site has no newsroom users (a production database that
 * `wiredesk init` has not set up), /newsroom and its sign-in page lead to /newsroom/set-up, a
 * form that does what `wiredesk init` does (setUpSite). Public, with the double-submit CSRF token
 * of the sign-in form; once the site is set up it answers 404. Two forms sent at once: the
 * command decides inside its transaction, so one sets the site up and the other is refused (409).
 */

export const FIRST_RUN_PATH = '/newsroom/set-up';

/** Where a visitor of a site without users is sent to the first-run form. */
const ENTRANCES = new Set(['/newsroom', '/newsroom/', '/newsroom/sign-in']);

const NOTHING_HERE = 'There is nothing at this address.';

export function firstRunDeskRoutes({ app, db, cookies, siteUrl }: { app: FastifyInstance; db: DB; cookies: NewsroomCookies; /** Offered in the form. */ siteUrl: string }): DeskRoute[] {
  // Only `wiredesk serve` without --demo offers it (the demo makes its own admin).
  if (!app.offersFirstRun) return [];
  // A site that has users keeps them (accounts are disabled, never deleted): once seen, the
  // question is not asked again. Until then each visit asks, so another process's set-up counts.
  let setUp = false;
  const needsSetUp = async () => {
    if (!setUp) setUp = await isSiteSetUp(db);
    return !setUp;
  };

  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' || !ENTRANCES.has(request.url.split('?')[0]!) || !(await needsSetUp())) return;
    return reply.redirect(FIRST_RUN_PATH, 303);
  });

  const field = (ctx: DeskContext, name: string): string => {
    const v = ctx.form[name];
    return (Array.isArray(v) ? v[0] : v)?.toString() ?? '';
  };

  const form = (ctx: DeskContext, values: FirstRunModel, errors: string[] = [], status = 200) => {
    const token = newToken();
    cookies.setSignIn(ctx.reply, token);
    return ctx.render('Set up this site', <FirstRunPage csrfToken={token} values={values} errors={errors} />, status);
  };

  return [
    {
      method: 'GET',
      url: FIRST_RUN_PATH,
      permission: 'public',
      handler: async (ctx) => {
        if (!(await needsSetUp())) throw new DeskError(404, NOTHING_HERE);
        return form(ctx, { siteName: '', siteUrl, adminName: '', adminEmail: '' });
      },
    },
    {
      method: 'POST',
      url: FIRST_RUN_PATH,
      permission: 'public',
      handler: async (ctx) => {
        if (!(await needsSetUp())) throw new DeskError(404, NOTHING_HERE);
        const values: FirstRunModel = { siteName: field(ctx, 'siteName'), siteUrl: field(ctx, 'siteUrl'), adminName: field(ctx, 'adminName'), adminEmail: field(ctx, 'adminEmail') };
        const password = field(ctx, 'password');
        if (password !== field(ctx, 'password2')) return form(ctx, values, ['The two passwords differ.'], 422);
        try {
          const { admin } = await setUpSite(db, { ...values, password }, { name: `first-run form from ${ctx.request.ip}`, userId: null });
          setUp = true;
          cookies.clearSignIn(ctx.reply);
          return ctx.render('The site is set up', <SiteSetUpPage siteName={values.siteName.trim()} email={admin.email} />);
        } catch (error) {
          if (error instanceof SiteAlreadySetUpError) {
            setUp = true;
            return ctx.render('Set up already', <SetUpTakenPage />, 409);
          }
          if (error instanceof ValidationError) return form(ctx, values, error.problems, 422);
          throw error;
        }
      },
    },
  ];
}
