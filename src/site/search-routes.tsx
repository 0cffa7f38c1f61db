import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { tagResponse } from '../cache/plugin.js';
import { searchArticles, type SearchFilters } from '../content/search.js';
import { STORIES_KEY } from '../content/surrogate-keys.js';
import { cardOf, kindLabels } from '../presentation/presenters.js';
import { searchPath } from '../presentation/urls.js';
import type { PageKit } from './page-kit.js';
import { SearchPage } from './views/search.js';

/** The search page (`/search`): words, with filters by kind, sector, edition and country. */
export function searchRoutes(app: FastifyInstance, kit: PageKit): void {
  const { db, directory, abs, page } = kit;

  const searchParams = z.object({
    q: z.string().optional().catch(undefined),
    kind: z.enum(['news', 'opinion', 'blog', 'interview', 'shot']).optional().catch(undefined),
    sector: z.string().max(80).optional().catch(undefined),
    edition: z.string().max(80).optional().catch(undefined),
    country: z.string().max(80).optional().catch(undefined),
    page: z.coerce.number().int().min(1).max(1000).optional().catch(undefined),
  });

  app.get(searchPath(), async (request, reply) => {
    const dir = await directory.get();
    const params = searchParams.parse(typeof request.query === 'object' && request.query ? request.query : {});
    const q = (Array.isArray(params.q) ? params.q[0] : params.q) ?? '';
    const filters: SearchFilters = {
      kind: params.kind,
      sector: params.sector && dir.sectorBySlug.has(params.sector) ? params.sector : undefined,
      edition: params.edition && dir.editionBySlug.has(params.edition) ? params.edition : undefined,
      country: params.country && dir.countryBySlug.has(params.country) ? dir.countryBySlug.get(params.country)!.code : undefined,
    };
    const result = q ? await searchArticles(db, q, filters, params.page ?? 1) : null;
    tagResponse(reply, STORIES_KEY);
    const countrySlug = filters.country ? dir.countryByCode.get(filters.country)?.slug : undefined;
    const pageHref = (n: number) => {
      const u = new URLSearchParams({ q: q.slice(0, 200) });
      for (const [k, v] of Object.entries({ kind: filters.kind, sector: filters.sector, edition: filters.edition, country: countrySlug })) if (v) u.set(k, v);
      if (n > 1) u.set('page', String(n));
      return `/search?${u.toString()}`;
    };
    return page(
      reply,
      dir,
      dir.defaultEdition,
      { title: q ? `Search: ${q.slice(0, 60)}` : 'Search', description: `Search ${dir.settings.siteName}`, canonical: abs(searchPath()), noindex: true },
      <SearchPage
        model={{
          q: q.slice(0, 200),
          filters: { kind: filters.kind ?? '', sector: filters.sector ?? '', edition: filters.edition ?? '', country: countrySlug ?? '' },
          options: {
            kinds: Object.entries(kindLabels).map(([value, label]) => ({ value, label })),
            sectors: dir.sectors.map((s) => ({ value: s.slug, label: s.name })),
            editions: dir.editions.map((e) => ({ value: e.slug, label: e.name })),
            countries: dir.countriesInUse.map((c) => ({ value: c.slug, label: c.name })),
          },
          result: result && {
            problem: result.query.problem,
            truncated: result.query.truncated,
            total: result.total,
            capped: result.capped,
            hits: result.hits.map((h) => ({ card: cardOf(h.article, dir), headlineHtml: h.headlineHtml, snippetHtml: h.snippetHtml })),
            prevHref: result.page > 1 ? pageHref(result.page - 1) : null,
            nextHref: result.page < result.pages ? pageHref(result.page + 1) : null,
            page: result.page,
            pages: result.pages,
          },
        }}
      />,
    );
  });
}
