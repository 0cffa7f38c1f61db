import { z } from 'zod';
import { ValidationError } from '../content/errors.js';
import { getSiteSettings, setSiteLogo, updateSiteSettings } from '../content/settings.js';
import { storeUploadedImage } from '../content/uploads.js';
import { SettingsPage, type SettingsModel } from './admin-views.js';
import { actorOf, get, page, post, redirect, type Desk, type DeskContext, type DeskRoute } from './desk.js';
import { deskUrls } from '../presentation/desk-urls.js';
import { settingsChangeOf, settingsFields, settingsFormOf } from './presenters/settings-form.js';

/** The site's settings (admins): name, contacts, links, credits, and the logo. */

export function settingsRoutes({ db, config }: Desk): DeskRoute[] {
  const settingsPage = (ctx: DeskContext, values: SettingsModel, options: { errors?: string[]; saved?: boolean } = {}) =>
    page('Settings', <SettingsPage values={values} csrfToken={ctx.session.csrfToken} errors={options.errors ?? []} saved={options.saved ?? false} />);

  return [
    get(deskUrls.settings, 'settings.manage', {
      input: {
        query: z.object({
          saved: z
            .unknown()
            .optional()
            .transform((v) => v === '1'),
        }),
      },
      handler: async (ctx, { query }) => settingsPage(ctx, settingsFormOf(await getSiteSettings(db)), { saved: query.saved }),
    }),
    post(deskUrls.settings, 'settings.manage', {
      input: { form: settingsFields },
      handler: async (ctx, { form }) => {
        await updateSiteSettings(db, settingsChangeOf(form), actorOf(ctx));
        return redirect(deskUrls.settings({ saved: 1 }));
      },
      refused: async (ctx, { problems }) => settingsPage(ctx, settingsFields.parse(ctx.form), { errors: problems }),
    }),
    post(deskUrls.settingsLogo, 'settings.manage', {
      uploads: true,
      handler: async (ctx) => {
        const file = ctx.files.file;
        if (!file) throw new ValidationError('Choose an image file for the logo.');
        const media = await storeUploadedImage(db, config.dataDir, file, {
          altText: `${(await getSiteSettings(db)).siteName} logo`,
          caption: '',
          credit: '',
          digitalSourceType: 'digitalArt',
        });
        await setSiteLogo(db, media.id, actorOf(ctx));
        return redirect(deskUrls.settings({ saved: 1 }));
      },
    }),
  ];
}
