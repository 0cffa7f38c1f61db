import type { DB } from '../db/connect.js';
import { articleKinds, articleStatuses, countArticlesBy, countCountriesInUse, type ArticleKind, type ArticleStatus } from './articles.js';
import { countUsers } from './users.js';

export interface NewsroomStats {
  articles: {
    total: number;
    published: number;
    /** Every article, by workflow status. */
    byStatus: Record<ArticleStatus, number>;
    /** Published articles, by kind. */
    byKind: Record<ArticleKind, number>;
  };
  sectors: number;
  editions: number;
  /** Countries tagged on at least one published article. */
  countries: number;
  users: number;
  pages: number;
}

export async function newsroomStats(db: DB): Promise<NewsroomStats> {
  const count = async (table: 'sectors' | 'editions' | 'pages') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const [groups, sectors, editions, pages, countries, users] = await Promise.all([
    countArticlesBy(db),
    count('sectors'),
    count('editions'),
    count('pages'),
    countCountriesInUse(db),
    countUsers(db),
  ]);
  const byStatus = Object.fromEntries(articleStatuses.map((s) => [s, 0])) as Record<ArticleStatus, number>;
  const byKind = Object.fromEntries(articleKinds.map((k) => [k, 0])) as Record<ArticleKind, number>;
  for (const g of groups) {
    byStatus[g.status] += g.count;
    if (g.status === 'published') byKind[g.kind] += g.count;
  }
  const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
  return { articles: { total, published: byStatus.published, byStatus, byKind }, sectors, editions, countries, users, pages };
}
