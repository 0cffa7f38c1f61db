import { Readable } from 'node:stream';
import { z } from 'zod';
import { audienceCsv } from '../audience/export.js';
import { recordAudit } from '../content/audit.js';
import { fromZod, ValidationError } from '../content/errors.js';
import type { DB } from '../db/connect.js';
import type { Directory } from '../content/directory.js';
import { articlesJsonl } from '../syndication/export.js';
import { isoTimeFrom } from '../util/bounds.js';
import { actorOf, type DeskContext, type DeskRoute } from './desk.js';

/*
 * Downloads for editors (`desk.export`): published stories as ninjs JSON Lines, and reads per
 * story and day as CSV. Both are streamed as they are read, in keyset batches; `wiredesk export`
 * writes the same lines.
 */

export const EXPORT_ARTICLES_PATH = '/newsroom/export/articles.jsonl';
export const EXPORT_AUDIENCE_PATH = '/newsroom/export/audience.csv';
const DEFAULT_AUDIENCE_DAYS = 30;
const DAY_MS = 86_400_000;

const isoTime = (name: string) =>
  z
    .string({ error: `give ${name} once, as an ISO 8601 time` })
    .transform((v, ctx) => {
      // A "+" in an unencoded offset arrives as a space.
      const at = isoTimeFrom(v.trim().replace(' ', '+'));
      if (at === null) ctx.addIssue({ code: 'custom', message: 'an ISO 8601 date or time such as 2026-11-29 or 2026-11-29T10:00:00Z' });
      return at as string;
    })
    .optional();

const articlesInput = z.object({ since: isoTime('since'), until: isoTime('until') });

const day = (name: string) => z.string({ error: `give ${name} once, as a day (YYYY-MM-DD)` }).regex(/^\d{4}-\d{2}-\d{2}$/, 'a day such as 2026-11-29').optional();
const audienceInput = z.object({ from: day('from'), to: day('to') });

/** An empty field of the forms (a date left blank) is no value. */
const given = (v: unknown) => (v === '' ? undefined : v);

/** `?since=&until=` of the articles export: published at or after `since`, before `until`. */
export function articleExportRange(query: Record<string, unknown>): { since?: string; until?: string } {
  const parsed = articlesInput.safeParse({ since: given(query.since), until: given(query.until) });
  if (!parsed.success) throw fromZod('export range', parsed.error);
  const { since, until } = parsed.data;
  if (since && until && until <= since) throw new ValidationError('Invalid export range: until must be later than since');
  return parsed.data;
}

/** `?from=&to=` of the audience export (UTC days, both included); by default the last 30 days to today. */
export function audienceExportRange(query: Record<string, unknown>, now: Date): { from: string; to: string } {
  const parsed = audienceInput.safeParse({ from: given(query.from), to: given(query.to) });
  if (!parsed.success) throw fromZod('export range', parsed.error);
  const to = parsed.data.to ?? now.toISOString().slice(0, 10);
  const from = parsed.data.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - (DEFAULT_AUDIENCE_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
  return { from, to };
}

/** The articles export for a query (`since`, `until`): its range and its lines, read as they are sent. */
export function articleExport(db: DB, dir: Directory, siteUrl: string, query: Record<string, unknown>) {
  const range = articleExportRange(query);
  return { range, lines: articlesJsonl(db, dir, siteUrl, range) };
}

/** The audience export for a query (`from`, `to`): its range and its lines; a bad range is a ValidationError. */
export function audienceExport(db: DB, query: Record<string, unknown>, now: Date) {
  const range = audienceExportRange(query, now);
  try {
    return { range, lines: audienceCsv(db, range) };
  } catch (error) {
    if (error instanceof RangeError) throw new ValidationError(`Invalid export range: ${error.message}`);
    throw error;
  }
}

/** Sends a stream of lines as a download. */
function download(ctx: DeskContext, type: string, filename: string, lines: AsyncGenerator<string>) {
  return ctx.reply
    .code(200)
    .type(type)
    .header('cache-control', 'no-store')
    .header('x-robots-tag', 'noindex')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(Readable.from(lines));
}

export function exportDeskRoutes({ db, directory, siteUrl }: { db: DB; directory: { get(): Promise<Directory> }; siteUrl: string }): DeskRoute[] {
  return [
    {
      method: 'GET',
      url: EXPORT_ARTICLES_PATH,
      permission: 'desk.export',
      handler: async (ctx) => {
        const { range, lines } = articleExport(db, await directory.get(), siteUrl, ctx.query);
        await recordAudit(db, actorOf(ctx), 'articles.export', 'published articles', `since ${range.since ?? 'the first'} until ${range.until ?? 'now'}`);
        return download(ctx, 'application/jsonl; charset=utf-8', `articles-${new Date().toISOString().slice(0, 10)}.jsonl`, lines);
      },
    },
    {
      method: 'GET',
      url: EXPORT_AUDIENCE_PATH,
      permission: 'desk.export',
      handler: async (ctx) => {
        const { range, lines } = audienceExport(db, ctx.query, new Date());
        await recordAudit(db, actorOf(ctx), 'audience.export', 'reads per story and day', `${range.from} to ${range.to}`);
        return download(ctx, 'text/csv; charset=utf-8', `audience-${range.from}-${range.to}.csv`, lines);
      },
    },
  ];
}
