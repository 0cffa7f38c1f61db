import { createArticle, getArticle, updateArticle, type ArticleInput } from '../content/articles.js';
import { recordAudit } from '../content/audit.js';
import { changeContent } from '../content/events.js';
import { findCountry } from '../content/taxonomy.js';
import { nowIso } from '../content/time.js';
import type { DB } from '../db/connect.js';
import type { WireItem } from './item.js';

/** What happened to one item. */
export type IngestOutcome = 'new' | 'updated' | 'ignored' | 'withheld' | 'canceled';

export interface IngestSummary {
  new: number;
  updated: number;
  merged: number;
  ignored: number;
  withheld: number;
  canceled: number;
  rejected: { itemId: string | null; reason: string; file?: string }[];
}

export const emptySummary = (): IngestSummary => ({ new: 0, updated: 0, merged: 0, ignored: 0, withheld: 0, canceled: 0, rejected: [] });

const WIRE_ACTOR = { name: 'wire desk', userId: null };

/** The story fields an agency item fills. */
async function storyFields(db: DB, item: WireItem): Promise<Partial<ArticleInput>> {
  const country = item.datelineCountry ? await findCountry(db, item.datelineCountry) : null;
  return {
    headline: item.headline.slice(0, 300),
    standfirst: item.standfirst.slice(0, 1000),
    body: item.bodyHtml,
    datelineCity: item.datelineCity,
    countries: country ? [country.code] : [],
    language: /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(item.language) ? item.language : 'en',
  };
}

/**
 * Takes one agency item in one transaction. (agency, item id, version) is unique: the same
 * version again, or an older one, changes nothing. A newer version updates the wire record and
 * the story made from it (a published story gets a revision and a new Updated time); a
 * canceled item takes its story down (410); a withheld one keeps its story from publication.
 * New items become drafts in the desk's inbox.
 */
export interface IngestItemOptions {
  /** The configured source's name, recorded with the item. */
  source?: string;
  now?: string;
  /** Filing for new stories: edition slug and sector slugs. */
  defaults?: { edition?: string | null; sectors?: string[] };
  /** The source's rule is auto-publish: usable new items go out unedited (and say so). */
  autoPublish?: boolean;
}

export async function ingestWireItem(db: DB, item: WireItem, options: IngestItemOptions = {}): Promise<IngestOutcome> {
  const now = options.now ?? nowIso();
  return changeContent(db, async (trx) => {
    const latest = await trx
      .selectFrom('wire_items')
      .select(['version', 'article_id'])
      .where('agency', '=', item.agency)
      .where('item_id', '=', item.itemId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (latest && item.version <= latest.version) return 'ignored';

    let articleId = latest?.article_id ?? null;
    let outcome: IngestOutcome;
    const article = articleId ? await getArticle(trx, articleId) : null;
    const source = { agency: item.agency, itemId: item.itemId, version: item.version };
    if (item.status === 'canceled') {
      if (article && article.status === 'published') {
        await updateArticle(trx, article.id, { status: 'unpublished' }, { actor: WIRE_ACTOR.name, now, summary: 'Canceled by the agency' });
        await recordAudit(trx, WIRE_ACTOR, 'article.unpublish', `article ${article.id}: ${article.headline}`, `${item.agency} canceled ${item.itemId}`, now);
      }
      outcome = 'canceled';
    } else if (article) {
      const sources = [...article.sources.filter((s) => !(s.agency === item.agency && s.itemId === item.itemId)), source];
      const hold = item.status === 'withheld' && article.status !== 'published' ? { status: 'draft' as const, scheduledFor: null } : {};
      await updateArticle(trx, article.id, { ...(await storyFields(trx, item)), sources, ...hold }, { actor: WIRE_ACTOR.name, now, summary: `${item.agency} version ${item.version}` });
      outcome = item.status === 'withheld' ? 'withheld' : 'updated';
    } else {
      const publish = options.autoPublish === true && item.status === 'usable';
      const created = await createArticle(
        trx,
        {
          kind: 'news',
          status: publish ? 'published' : 'draft',
          ...(await storyFields(trx, item)),
          headline: item.headline.slice(0, 300),
          byline: { desk: 'Wire Desk' },
          edition: options.defaults?.edition ?? undefined,
          sectors: options.defaults?.sectors ?? [],
          sources: [source],
          aiInvolvement: 'none',
          humanReviewed: false,
        },
        { actor: WIRE_ACTOR.name, now },
      );
      if (publish) await recordAudit(trx, WIRE_ACTOR, 'article.publish', `article ${created.id}: ${created.headline}`, `auto-published from ${item.agency}`, now);
      articleId = created.id;
      outcome = item.status === 'withheld' ? 'withheld' : 'new';
    }
    await trx
      .insertInto('wire_items')
      .values({
        agency: item.agency,
        item_id: item.itemId,
        version: item.version,
        version_time: item.versionTime,
        status: item.status,
        headline: item.headline.slice(0, 500),
        payload: JSON.stringify(item),
        source: options.source ?? '',
        received_at: now,
        article_id: articleId,
      })
      .execute();
    return outcome;
  });
}
