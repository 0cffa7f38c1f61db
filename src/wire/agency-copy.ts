import { getArticle, type Article, type ArticleSource } from '../content/articles.js';
import { recordAudit } from '../content/audit.js';
import { changeContent } from '../content/events.js';
import { NotFoundError, ValidationError } from '../content/errors.js';
import { textOf } from '../content/html.js';
import { editArticle, type AgencyState, type CommandContext } from '../content/lifecycle.js';
import type { DB } from '../db/connect.js';
import { storyText } from './story-text.js';
import { summariesOf } from './summarise.js';
import type { WireItem } from './item.js';

/*
 * What the agency says about a story's own copy (the item its text comes from): its embargo and
 * legal hold, and the newer versions waiting beside a story the desk edited, for the desk to
 * apply whole or field by field, or to decline.
 */

/** "Meridian News Agency withheld MNA-1 (version 3): pending a legal review." */
export function holdText(item: Pick<WireItem, 'agency' | 'itemId' | 'version' | 'ednote'>): string {
  return `${item.agency} withheld ${item.itemId} (version ${item.version})${item.ednote ? `: “${item.ednote.trim()}”` : ''}`;
}

export const agencyStateOfItem = (item: WireItem): AgencyState => ({
  embargoUntil: item.embargo,
  hold: item.status === 'withheld' ? holdText(item) : null,
});

/** The versions of the item a story's text comes from, newest first. */
const primaryVersions = (db: DB, articleId: number) =>
  db.selectFrom('wire_items').where('article_id', '=', articleId).where('role', '=', 'primary').orderBy('version', 'desc').limit(1);

/** The embargo and hold of the latest version of the item a story's text comes from. */
export async function agencyStateOf(db: DB, articleId: number): Promise<AgencyState> {
  const row = await primaryVersions(db, articleId).select(['payload']).where('status', '!=', 'canceled').executeTakeFirst();
  return row ? agencyStateOfItem(JSON.parse(row.payload) as WireItem) : { embargoUntil: null, hold: null };
}

export const agencyFields = ['headline', 'standfirst', 'body'] as const;
export type AgencyField = (typeof agencyFields)[number];

export interface PendingAgencyUpdate {
  /** Row id of the waiting version. */
  id: number;
  agency: string;
  itemId: string;
  version: number;
  receivedAt: string;
  ednote: string;
  /** The agency's text for each field, and whether it differs from the story's. */
  fields: { field: AgencyField; agency: string; story: string; differs: boolean }[];
}

const compare = (text: string) => textOf(text).replace(/\s+/g, ' ').trim();

/** The newest version of a story's own item that waits for the desk, if one does. */
export async function pendingAgencyUpdate(db: DB, articleId: number): Promise<PendingAgencyUpdate | null> {
  const row = await primaryVersions(db, articleId)
    .select(['id', 'payload', 'summary', 'received_at', 'ednote'])
    .where('text_state', '=', 'pending')
    .executeTakeFirst();
  if (!row) return null;
  const story = await getArticle(db, articleId);
  if (!story) return null;
  const item = JSON.parse(row.payload) as WireItem;
  const text = storyText(item, row.summary);
  return {
    id: row.id,
    agency: item.agency,
    itemId: item.itemId,
    version: item.version,
    receivedAt: row.received_at,
    ednote: row.ednote,
    fields: agencyFields.map((field) => ({ field, agency: text[field], story: story[field], differs: compare(text[field]) !== compare(story[field]) })),
  };
}

/**
 * Applies the waiting agency version to the story: the chosen fields (or all three), as a
 * person's edit. The version counts as applied once no chosen field differs any more.
 */
export async function applyAgencyUpdate(db: DB, articleId: number, fields: readonly AgencyField[], ctx: CommandContext): Promise<void> {
  if (fields.length === 0) throw new ValidationError('Choose the agency’s headline, standfirst or body to apply.');
  await changeContent(db, async (trx) => {
    const pending = await pendingAgencyUpdate(trx, articleId);
    if (!pending) throw new NotFoundError('No agency update is waiting for this story.');
    const row = await trx.selectFrom('wire_items').select(['payload', 'summary']).where('id', '=', pending.id).executeTakeFirstOrThrow();
    const item = JSON.parse(row.payload) as WireItem;
    const text = storyText(item, row.summary);
    const story = (await getArticle(trx, articleId))!;
    const patch = Object.fromEntries(fields.map((f) => [f, text[f]]));
    const rest = pending.fields.filter((f) => f.differs && !fields.includes(f.field));
    const sources: ArticleSource[] = rest.length
      ? story.sources
      : story.sources.map((s) => (s.agency === item.agency && s.itemId === item.itemId ? { ...s, version: item.version } : s));
    await editArticle(trx, articleId, { ...patch, sources }, ctx, {
      textBy: 'person',
      action: 'article.agency-apply',
      summary: `Applied ${fields.join(', ')} of ${item.agency} version ${item.version}`,
    });
    if (rest.length === 0) await settle(trx, articleId, item, 'applied');
  });
}

/** The desk keeps its own text: the waiting versions are marked declined. */
export async function declineAgencyUpdate(db: DB, articleId: number, ctx: CommandContext): Promise<void> {
  await changeContent(db, async (trx) => {
    const pending = await pendingAgencyUpdate(trx, articleId);
    if (!pending) throw new NotFoundError('No agency update is waiting for this story.');
    await settle(trx, articleId, { agency: pending.agency, itemId: pending.itemId, version: pending.version }, 'declined');
    await recordAudit(
      trx,
      ctx.actor,
      'article.agency-decline',
      `article ${articleId}`,
      `kept the desk's text over ${pending.agency} version ${pending.version}`,
      ctx.now,
    );
  });
}

async function settle(trx: DB, articleId: number, item: Pick<WireItem, 'agency' | 'itemId' | 'version'>, state: 'applied' | 'declined') {
  await trx
    .updateTable('wire_items')
    .set({ text_state: state })
    .where('article_id', '=', articleId)
    .where('agency', '=', item.agency)
    .where('item_id', '=', item.itemId)
    .where('version', '<=', item.version)
    .where('text_state', '=', 'pending')
    .execute();
}

/**
 * Makes the story's standfirst again from its body (and the inbox's Shot text with it): whole
 * sentences, no dateline, no cut quotation, the Shot never the same text as the standfirst.
 */
export async function regenerateSummary(db: DB, articleId: number, ctx: CommandContext): Promise<Article> {
  return changeContent(db, async (trx) => {
    const story = await getArticle(trx, articleId);
    if (!story) throw new NotFoundError(`No story with id ${articleId}`);
    const { summary, shotText } = summariesOf(story.headline, textOf(story.body));
    if (!summary) throw new ValidationError('The body has no sentences short enough for a summary of at most 60 words: write the standfirst by hand.');
    const row = await primaryVersions(trx, articleId).select('id').executeTakeFirst();
    if (row) await trx.updateTable('wire_items').set({ summary, shot_text: shotText }).where('id', '=', row.id).execute();
    return editArticle(trx, articleId, { standfirst: summary }, ctx, { textBy: 'machine', summary: 'Standfirst made again from the body' });
  });
}
