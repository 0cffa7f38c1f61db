import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import { articleKinds, getArticle, getArticlesByIds, listArticles, MAX_PAGE_SIZE, type ArticleKind } from '../content/articles.js';
import { decodeCursor, encodeCursor, type Cursor } from '../content/cursor.js';
import type { Config } from '../config.js';
import type { Store } from '../db/connect.js';
import type { Directory } from '../content/directory.js';
import { idFrom, isoTimeFrom } from '../util/bounds.js';
import { logFailure, RequestRefused } from '../ops/failures.js';
import { absoluteUrl, apiBasePath, apiItemsPath } from '../presentation/urls.js';
import { ninjsOf } from '../presentation/ninjs.js';

/*
 * The items API: published stories as IPTC ninjs 2.x JSON, newest change first, with filters
 * and keyset paging. Answers are public and cacheable (ETag and 304 come from ops/http-caching).
 */

const JSON_TYPE = 'application/json; charset=utf-8';
const CACHE = 'public, max-age=60, stale-while-revalidate=300';
const GONE_CACHE = 'public, max-age=60';
export const DEFAULT_ITEMS = 20;

const oneValue = (what: string) => z.string({ error: `give ${what} once, as text` });

const listParams = z.strictObject(
  {
    kind: oneValue('kind')
      .transform((v) => [
        ...new Set(
          v
            .split(',')
            .map((k) => k.trim())
            .filter(Boolean),
        ),
      ])
      .refine((kinds) => kinds.length > 0 && kinds.every((k) => (articleKinds as readonly string[]).includes(k)), {
        message: `one or more of ${articleKinds.join(', ')}, separated by commas`,
      })
      .transform((kinds) => kinds as ArticleKind[])
      .optional(),
    edition: oneValue('edition').max(80).optional(),
    sector: oneValue('sector').max(80).optional(),
    country: oneValue('country').max(80).optional(),
    // A "+" in an unencoded offset arrives as a space.
    'updated-since': oneValue('updated-since')
      // ISO 8601, a date or a date and time with Z or an offset, in years 0001–9999 (src/util/bounds.ts).
      .transform((v, ctx) => {
        const at = isoTimeFrom(v.trim().replace(' ', '+'));
        if (at === null) ctx.addIssue({ code: 'custom', message: 'an ISO 8601 time such as 2026-11-29T10:00:00Z, in the years 0001 to 9999' });
        return at as string;
      })
      .optional(),
    limit: oneValue('limit')
      .regex(/^\d{1,4}$/, `a whole number from 1 to ${MAX_PAGE_SIZE}`)
      .transform(Number)
      .refine((n) => n >= 1 && n <= MAX_PAGE_SIZE, `a whole number from 1 to ${MAX_PAGE_SIZE}`)
      .optional(),
    cursor: oneValue('cursor')
      .transform((v, ctx) => {
        const cursor = decodeCursor(v);
        if (!cursor) ctx.addIssue({ code: 'custom', message: 'not a cursor from this API (follow the "next" link)' });
        return cursor as Cursor;
      })
      .optional(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown parameter ${issue.keys.map((k) => `"${k}"`).join(', ')}; the parameters are kind, edition, sector, country, updated-since, limit and cursor`
        : undefined,
  },
);

type ListParams = z.output<typeof listParams>;

/** The sector, edition and country a query names, or the problems with them. */
function resolveFilters(p: ListParams, dir: Directory): { problems: string[]; country?: string } {
  const problems: string[] = [];
  if (p.edition !== undefined && !dir.editionBySlug.has(p.edition)) problems.push(`edition: no edition "${p.edition}"`);
  if (p.sector !== undefined && !dir.sectorBySlug.has(p.sector)) problems.push(`sector: no sector "${p.sector}"`);
  let country: string | undefined;
  if (p.country !== undefined) {
    const found =
      (/^[A-Za-z]{2}$/.test(p.country) ? dir.countryByCode.get(p.country.toUpperCase()) : undefined) ?? dir.countryBySlug.get(p.country.toLowerCase());
    if (found) country = found.code;
    else problems.push(`country: no country "${p.country}" (give an ISO 3166-1 alpha-2 code or the country's slug)`);
  }
  return { problems, country };
}

export const apiRoutes: FastifyPluginAsync<{ config: Config; store: Store }> = async (app, { config, store }) => {
  const db = store.db;
  const directory = app.directory;
  const abs = (p: string) => absoluteUrl(config.siteUrl, p);

  const send = (reply: FastifyReply, status: number, body: unknown, cacheControl: string) =>
    reply
      .code(status)
      .type(JSON_TYPE)
      .header('cache-control', cacheControl)
      .header('access-control-allow-origin', '*')
      .header('cross-origin-resource-policy', 'cross-origin')
      .send(JSON.stringify(body));
  const problem = (reply: FastifyReply, status: number, message: string, problems: string[] = [], cacheControl = 'no-store') =>
    send(reply, status, { error: message, ...(problems.length ? { problems } : {}) }, cacheControl);

  // Set before any route (an awaited register below would give the routes above it Fastify's
  // default handler, which sends the error's message: a database's text). No cause is sent.
  app.setErrorHandler(async (error, request, reply) => {
    const status = logFailure(request, error, 'API request failed', reply);
    if (status >= 500) return send(reply, status, { error: 'Something went wrong', requestId: request.id }, 'no-store');
    return problem(reply, status, error instanceof RequestRefused ? error.message : status === 404 ? 'Not found' : 'Bad request');
  });

  app.get(apiItemsPath, async (request, reply) => {
    const parsed = listParams.safeParse(request.query ?? {});
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message));
      return problem(reply, 400, 'Invalid query parameters', problems);
    }
    const p = parsed.data;
    const dir = await directory.get();
    const { problems, country } = resolveFilters(p, dir);
    if (problems.length) return problem(reply, 400, 'Invalid query parameters', problems);

    const limit = p.limit ?? DEFAULT_ITEMS;
    const page = await listArticles(db, {
      status: 'published',
      orderBy: 'updated',
      kind: p.kind,
      edition: p.edition,
      sector: p.sector,
      country,
      from: p['updated-since'],
      limit,
      before: p.cursor ?? null,
    });
    // A story taken down between the two reads is left out.
    const articles = (
      await getArticlesByIds(
        db,
        page.items.map((a) => a.id),
      )
    ).filter((a) => a.status === 'published');
    let next: string | null = null;
    if (page.older) {
      const query = new URLSearchParams();
      if (p.kind) query.set('kind', p.kind.join(','));
      if (p.edition) query.set('edition', p.edition);
      if (p.sector) query.set('sector', p.sector);
      if (p.country) query.set('country', p.country);
      if (p['updated-since']) query.set('updated-since', p['updated-since']);
      if (p.limit) query.set('limit', String(p.limit));
      query.set('cursor', encodeCursor(page.older));
      next = abs(`${apiItemsPath}?${query.toString()}`);
      reply.header('link', `<${next}>; rel="next"`);
    }
    return send(reply, 200, { items: articles.map((a) => ninjsOf(a, dir, config.siteUrl)), next }, CACHE);
  });

  app.get<{ Params: { id: string } }>(`${apiItemsPath}/:id`, async (request, reply) => {
    const id = idFrom(request.params.id);
    const article = id === null ? null : await getArticle(db, id);
    // Drafts and other never-published stories are not there at all; nor, for now, a story an agency holds.
    if (!article || (article.status !== 'published' && article.publishedAt === null)) return problem(reply, 404, 'No such item', [], GONE_CACHE);
    if (article.status === 'held') return problem(reply, 404, 'This item is not available at the moment', [], GONE_CACHE);
    if (article.status !== 'published') return problem(reply, 410, 'This item has been withdrawn', [], GONE_CACHE);
    const dir = await directory.get();
    reply.header('last-modified', new Date(article.updatedAt).toUTCString());
    return send(reply, 200, ninjsOf(article, dir, config.siteUrl), CACHE);
  });

  // Anything else under the API answers in JSON too.
  await app.register(
    async (api) => {
      api.setNotFoundHandler(async (_request, reply) => problem(reply, 404, 'Not found', [], 'no-store'));
    },
    { prefix: apiBasePath },
  );
};
