import { z } from 'zod';
import { isSiteSetUp, setUpSite, SiteAlreadySetUpError } from '../content/site-setup.js';
import { DeskError, page, publicRoute, type Desk, type DeskContext, type DeskRoute } from './desk.js';
import { text } from './desk-input.js';
import { FirstRunPage, SetUpTakenPage, SiteSetUpPage, type FirstRunModel } from './first-run-views.js';
import { newToken, type Session } from './sessions.js';
import { deskUrls } from './urls.js';

/*
 * The first-run screen of `wiredesk serve` (not --demo): while the site has no newsroom users (a production database that
 * `wiredesk init` has not set up), /newsroom and its sign-in page lead to /newsroom/set-up, a
 * form that does what `wiredesk init` does (setUpSite). Public, with the double-submit CSRF token
 * of the sign-in form; once the site is set up it answers 404. Two forms sent at once: the
 * command decides inside its transaction, so one sets the site up and the other is refused (409).
 */

/** Where a visitor of a site without users is sent to the first-run form. */
const ENTRANCES = new Set([deskUrls.home(), `${deskUrls.home()}/`, deskUrls.signIn()]);

const NOTHING_HERE = 'There is nothing at this address.';

const setUpFields = z.object({ siteName: text(), siteUrl: text(), adminName: text(), adminEmail: text(), password: text(Infinity), password2: text(Infinity) });

export function firstRunRoutes({ app, db, cookies, config }: Desk): DeskRoute[] {
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
    return reply.redirect(deskUrls.setUp(), 303);
  });

  const form = (ctx: DeskContext<Session | null>, values: FirstRunModel, errors: string[] = [], status = 200) => {
    const token = newToken();
    cookies.setSignIn(ctx.reply, token);
    return page('Set up this site', <FirstRunPage csrfToken={token} values={values} errors={errors} />, { status });
  };

  return [
    publicRoute({
      method: 'GET',
      path: deskUrls.setUp,
      handler: async (ctx) => {
        if (!(await needsSetUp())) throw new DeskError(404, NOTHING_HERE);
        return form(ctx, { siteName: '', siteUrl: config.siteUrl, adminName: '', adminEmail: '' });
      },
    }),
    publicRoute({
      method: 'POST',
      path: deskUrls.setUp,
      input: { form: setUpFields },
      handler: async (ctx, { form: { password, password2, ...values } }) => {
        if (!(await needsSetUp())) throw new DeskError(404, NOTHING_HERE);
        if (password !== password2) return form(ctx, values, ['The two passwords differ.'], 422);
        try {
          const { admin } = await setUpSite(db, { ...values, password }, { name: `first-run form from ${ctx.request.ip}`, userId: null });
          setUp = true;
          cookies.clearSignIn(ctx.reply);
          return page('The site is set up', <SiteSetUpPage siteName={values.siteName.trim()} email={admin.email} />);
        } catch (error) {
          if (!(error instanceof SiteAlreadySetUpError)) throw error;
          setUp = true;
          return page('Set up already', <SetUpTakenPage />, { status: 409 });
        }
      },
      // Bad input: the form again with each problem (the password fields are never sent back).
      refused: async (ctx, { problems }) => {
        const sent = setUpFields.parse(ctx.form);
        return form(ctx, { siteName: sent.siteName, siteUrl: sent.siteUrl, adminName: sent.adminName, adminEmail: sent.adminEmail }, problems, 422);
      },
    }),
  ];
}
