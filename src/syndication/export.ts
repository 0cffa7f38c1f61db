import { getArticlesByIds, listArticles, MAX_PAGE_SIZE } from '../content/articles.js';
import type { Cursor } from '../content/cursor.js';
import type { IsoTime } from '../content/time.js';
import type { DB } from '../db/connect.js';
import type { Directory } from '../content/directory.js';
import { ninjsOf } from '../presentation/ninjs.js';

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
export async function* articlesJsonl(db: DB, dir: Directory, siteUrl: string, range: ArticleExportRange = {}, batchSize = MAX_PAGE_SIZE): AsyncGenerator<string> {
  let before: Cursor | null = null;
  for (;;) {
    const page = await listArticles(db, { status: 'published', from: range.since, to: range.until, limit: batchSize, before });
    if (page.items.length === 0) return;
    // A story taken down between the two reads is left out.
    const articles = (await getArticlesByIds(db, page.items.map((a) => a.id))).filter((a) => a.status === 'published');
    if (articles.length) yield articles.map((a) => `${JSON.stringify(ninjsOf(a, dir, siteUrl))}\n`).join('');
    if (!page.older) return;
    before = page.older;
  }
}
