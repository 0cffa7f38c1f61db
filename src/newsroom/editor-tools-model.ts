import type { Article } from '../content/articles.js';
import { markEditing, type Editing } from '../content/presence.js';
import type { DB } from '../db/connect.js';
import type { Directory } from '../content/directory.js';
import { bylineTime } from '../presentation/format.js';
import { editionOf } from '../presentation/presenters.js';
import { imagePath } from '../presentation/urls.js';
import { sourceReceipts } from '../wire/source-receipts.js';
import type { EditorToolsModel } from './editor-tools-views.js';
import { mayEditArticle } from './permissions.js';
import type { Session } from './sessions.js';
import { zonedLocalValue } from '../util/time-zones.js';

/** View models for the editor's side tools (editor-tools-views.tsx). */

const utcText = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/** The Schedule form's starting value: when it is scheduled, else when its embargo lifts. */
export function scheduleValueOf(article: Article, timeZone: string, now = new Date().toISOString()): string | null {
  if (article.status === 'scheduled' && article.scheduledFor) return zonedLocalValue(article.scheduledFor, timeZone);
  return article.embargoUntil && article.embargoUntil > now ? zonedLocalValue(article.embargoUntil, timeZone) : null;
}

/** "Asha (seen 14:05 IST)" for each other person with the story open. */
export const presenceLabels = (others: Editing[], zone: Parameters<typeof bylineTime>[1]) =>
  others.map((o) => `${o.displayName} (seen ${bylineTime(o.seenAt, zone).slice(11)})`);

/** The editor's side tools; opening the editor counts as having the story open. */
export async function editorToolsOf(db: DB, article: Article, dir: Directory, session: Session, now = new Date().toISOString()): Promise<EditorToolsModel> {
  const edition = editionOf(dir, article);
  const [receipts, others] = await Promise.all([sourceReceipts(db, article.sources), markEditing(db, article.id, session.user, now)]);
  return {
    articleId: article.id,
    csrfToken: session.csrfToken,
    version: article.version,
    scheduled:
      article.status === 'scheduled' && article.scheduledFor
        ? { local: bylineTime(article.scheduledFor, edition), utc: utcText(article.scheduledFor), zone: `${edition.name}, ${edition.timeZone}` }
        : null,
    sources: receipts.map((s) => ({
      agency: s.agency,
      itemId: s.itemId,
      version: s.version,
      received: s.receivedAt ? bylineTime(s.receivedAt, edition) : 'not received by the wire desk',
    })),
    canEditSources: mayEditArticle(session.user, article),
    othersEditing: presenceLabels(others, edition),
    hero: article.hero
      ? { src: imagePath(article.hero.file, 320), alt: article.hero.altText, x: article.hero.focal?.x ?? 0.5, y: article.hero.focal?.y ?? 0.5 }
      : null,
  };
}
