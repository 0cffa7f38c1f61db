import type { Article } from '../../content/articles.js';
import { textOf } from '../../content/html.js';
import { mayRun } from '../../content/lifecycle.js';
import type { DB } from '../../db/connect.js';
import type { Directory } from '../../content/directory.js';
import { bylineTime } from '../../presentation/format.js';
import { disclosureFor, editionOf } from '../../presentation/presenters.js';
import { agencyFields, pendingAgencyUpdate } from '../../wire/agency-copy.js';
import { storyItems } from '../../wire/inbox.js';
import type { AgencyPanelModel } from '../agency-views.js';
import { wordDiff } from '../diff.js';
import { can } from '../permissions.js';
import type { Session } from '../sessions.js';
import type { ArticleStep } from '../../presentation/desk-urls.js';

/** View models for the article editor: its workflow buttons and its agency panel. */

/** The buttons the lifecycle allows for this story and this person. */
export function workflowActionsOf(article: Article, role: Session['user']['role']): { action: ArticleStep; label: string }[] {
  const actions: { action: ArticleStep; label: string }[] = [];
  const publisher = can(role, 'article.publish');
  if (mayRun('submit', article.status) && can(role, 'article.submit')) actions.push({ action: 'submit', label: 'Submit for review' });
  if (mayRun('publish', article.status) && publisher && article.status !== 'held') actions.push({ action: 'publish', label: 'Publish now' });
  if (mayRun('schedule', article.status) && publisher) actions.push({ action: 'schedule', label: 'Schedule' });
  if (mayRun('unpublish', article.status) && can(role, 'article.unpublish')) actions.push({ action: 'unpublish', label: 'Unpublish' });
  if (article.status === 'published' && publisher) actions.push({ action: 'correct', label: 'Add correction' });
  if (mayRun('draft', article.status) && publisher) actions.push({ action: 'draft', label: 'Back to draft' });
  if (!article.publishedAt && ['draft', 'review', 'killed'].includes(article.status) && publisher) actions.push({ action: 'delete', label: 'Delete draft' });
  return actions;
}

const fieldLabels: Record<(typeof agencyFields)[number], string> = { headline: 'Headline', standfirst: 'Standfirst', body: 'Body' };

export async function agencyPanelOf(db: DB, article: Article, dir: Directory, session: Session, now = new Date().toISOString()): Promise<AgencyPanelModel> {
  const edition = editionOf(dir, article);
  const [items, pending] = await Promise.all([storyItems(db, article.id), pendingAgencyUpdate(db, article.id)]);
  const embargo = article.embargoUntil && article.embargoUntil > now ? article.embargoUntil : null;
  return {
    articleId: article.id,
    csrfToken: session.csrfToken,
    status: article.status,
    statusReason: article.statusReason,
    embargo: embargo ? { local: bylineTime(embargo, edition), utc: `${embargo.slice(0, 10)} ${embargo.slice(11, 16)} UTC` } : null,
    hold: article.agencyHold,
    notes: items.filter((i) => i.ednote).map((i) => ({ agency: i.agency, itemId: i.itemId, version: i.version, note: i.ednote })),
    pending: pending
      ? {
          agency: pending.agency,
          version: pending.version,
          received: bylineTime(pending.receivedAt, edition),
          fields: pending.fields.map((f) => {
            const ours = f.field === 'body' ? textOf(f.story) : f.story;
            const theirs = f.field === 'body' ? textOf(f.agency) : f.agency;
            return { field: f.field, label: fieldLabels[f.field], ours, diffHtml: wordDiff(ours, theirs).html, differs: f.differs };
          }),
        }
      : null,
    canPublish: can(session.user.role, 'article.publish'),
    canRegenerate: items.length > 0,
    disclosure: disclosureFor(article, dir),
  };
}
