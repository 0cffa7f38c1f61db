import { getArticlesByIds, listArticles, MAX_PAGE_SIZE } from '../content/articles.js';
import type { Cursor } from '../content/cursor.js';
import type { IsoTime } from '../content/time.js';
import type { DB } from '../db/connect.js';
import type { Directory } from '../content/directory.js';
import { ninjsOf } from '../presentation/ninjs.js';
import { z } from 'zod';
import { recordAudit, type Actor } from '../content/audit.js';
import { fromZod, ValidationError } from '../content/errors.js';
import { isoTimeFrom } from '../util/bounds.js';
import { given } from '../util/form.js';

/*
 * Published stories as ninjs JSON Lines (one item a line, as the items API gives them), for the
 * newsroom's export and `wiredesk export articles`. Read in keyset batches by publication time,
 * newest first, so memory holds one batch however large the archive.
 */

export interface ArticleExportRange {
  /** Published at or after this time. */
  since?: IsoTime;
  /** Published before this time. */
  until?: IsoTime;
}

/** The export, one batch of lines at a time (each line ends with "\n"). */
export async function* articlesJsonl(
  db: DB,
  dir: Directory,
  siteUrl: string,
  range: ArticleExportRange = {},
  batchSize = MAX_PAGE_SIZE,
): AsyncGenerator<string> {
  let before: Cursor | null = null;
  for (;;) {
    const page = await listArticles(db, { status: 'published', from: range.since, to: range.until, limit: batchSize, before });
    if (page.items.length === 0) return;
    // A story taken down between the two reads is left out.
    const articles = (
      await getArticlesByIds(
        db,
        page.items.map((a) => a.id),
      )
    ).filter((a) => a.status === 'published');
    if (articles.length) yield articles.map((a) => `${JSON.stringify(ninjsOf(a, dir, siteUrl))}\n`).join('');
    if (!page.older) return;
    before = page.older;
  }
}

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

/** `?since=&until=` (or the CLI's options) of the articles export: published at or after `since`, before `until`. */
export function articleExportRange(query: Record<string, unknown>): ArticleExportRange {
  const parsed = articlesInput.safeParse({ since: given(query.since), until: given(query.until) });
  if (!parsed.success) throw fromZod('export range', parsed.error);
  const { since, until } = parsed.data;
  if (since && until && until <= since) throw new ValidationError('Invalid export range: until must be later than since');
  return parsed.data;
}

/** The articles export asked for by `actor` (`since`, `until`): audited, then its lines, read as they are sent. */
export async function exportArticles(db: DB, dir: Directory, siteUrl: string, query: Record<string, unknown>, actor: Actor) {
  const range = articleExportRange(query);
  await recordAudit(db, actor, 'articles.export', 'published articles', `since ${range.since ?? 'the first'} until ${range.until ?? 'now'}`);
  return { range, lines: articlesJsonl(db, dir, siteUrl, range) };
}
