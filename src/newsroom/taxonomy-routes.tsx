import { z } from 'zod';
import { listEditions, listSectors, saveEdition, saveSector } from '../content/taxonomy.js';
import { effectiveKeywords, forgetSectorModel } from '../wire/tagging.js';
import { TaxonomyPage } from './admin-views.js';
import { actorOf, get, page, post, redirect, type Desk, type DeskContext, type DeskRoute } from './desk.js';
import { text } from './desk-input.js';
import { deskUrls } from '../presentation/desk-urls.js';

/** Sectors and editions (admins): one form per row, saved by its slug (a new slug adds one). */

const whole = text(Infinity);
const sectorFields = z.object({
  slug: whole,
  name: whole,
  description: whole,
  keywords: whole.transform((k) =>
    k
      .split(/\r?\n/)
      .map((w) => w.trim())
      .filter(Boolean)
      .join('\n'),
  ),
});
const editionFields = z.object({
  slug: whole,
  name: whole,
  timeZone: whole,
  locale: whole,
  tzAbbreviation: whole,
  tzAbbreviationDst: whole.transform((t) => t || null),
});

export function taxonomyRoutes({ db }: Desk): DeskRoute[] {
  async function taxonomyPage(ctx: DeskContext, errors: string[] = []) {
    const [sectors, editions] = await Promise.all([listSectors(db), listEditions(db)]);
    return page(
      'Sectors and editions',
      <TaxonomyPage
        sectors={sectors.map((s) => ({ ...s, keywords: effectiveKeywords(s).join('\n') }))}
        editions={editions.map((e) => ({ ...e, tzAbbreviationDst: e.tzAbbreviationDst ?? '' }))}
        csrfToken={ctx.session.csrfToken}
        errors={errors}
      />,
    );
  }
  const refused = async (ctx: DeskContext, { problems }: { problems: string[] }) => taxonomyPage(ctx, problems);

  return [
    get(deskUrls.taxonomy, 'taxonomy.manage', { handler: async (ctx) => taxonomyPage(ctx) }),
    post(deskUrls.sectors, 'taxonomy.manage', {
      input: { form: sectorFields },
      handler: async (ctx, { form }) => {
        const existing = (await listSectors(db)).find((s) => s.slug === form.slug);
        await saveSector(db, { ...form, position: existing?.position ?? 100 }, actorOf(ctx));
        forgetSectorModel(db);
        return redirect(deskUrls.taxonomy());
      },
      refused,
    }),
    post(deskUrls.editions, 'taxonomy.manage', {
      input: { form: editionFields },
      handler: async (ctx, { form }) => {
        const existing = (await listEditions(db)).find((e) => e.slug === form.slug);
        await saveEdition(db, { ...form, isDefault: existing?.isDefault ?? false, position: existing?.position ?? 100 }, actorOf(ctx));
        return redirect(deskUrls.taxonomy());
      },
      refused,
    }),
  ];
}
