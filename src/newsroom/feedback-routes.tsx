import { countFeedbackByStatus, listFeedback, sameSitePath, setFeedbackStatus, type Feedback, type FeedbackStatus, type FeedbackView } from '../audience/feedback.js';
import { NotFoundError } from '../content/errors.js';
import type { DB } from '../db/connect.js';
import type { Directory } from '../content/directory.js';
import { bylineTime } from '../presentation/format.js';
import { idFrom } from '../util/bounds.js';
import { FeedbackInboxPage, type FeedbackItemModel } from './feedback-views.js';
import type { DeskContext, DeskRoute } from './desk.js';

/** The newsroom's feedback inbox: `/newsroom/feedback` (admins and editors, `feedback.read`). */

const views: { view: FeedbackView; label: string }[] = [
  { view: 'inbox', label: 'Inbox' },
  { view: 'unread', label: 'Unread' },
  { view: 'read', label: 'Read' },
  { view: 'archived', label: 'Archived' },
  { view: 'all', label: 'All' },
];

const viewOf = (v: unknown): FeedbackView => views.find((x) => x.view === v)?.view ?? 'inbox';
const inboxHref = (view: FeedbackView, beforeId?: number) => {
  const q = new URLSearchParams();
  if (view !== 'inbox') q.set('view', view);
  if (beforeId) q.set('before', String(beforeId));
  const s = q.toString();
  return `/newsroom/feedback${s ? `?${s}` : ''}`;
};

/** What can be done to a message in each status. */
const actionsFor: Record<FeedbackStatus, { action: string; label: string }[]> = {
  unread: [
    { action: 'read', label: 'Mark read' },
    { action: 'archive', label: 'Archive' },
  ],
  read: [
    { action: 'unread', label: 'Mark unread' },
    { action: 'archive', label: 'Archive' },
  ],
  archived: [{ action: 'restore', label: 'Back to the inbox' }],
};

const statusAfter: Record<string, FeedbackStatus> = { read: 'read', unread: 'unread', archive: 'archived', restore: 'read' };

export function feedbackDeskRoutes({ db, directory }: { db: DB; directory: { get(): Promise<Directory> } }): DeskRoute[] {
  const itemOf = (f: Feedback, dir: Directory): FeedbackItemModel => ({
    id: f.id,
    from: f.name || 'A reader',
    email: f.email,
    when: bylineTime(f.createdAt, dir.defaultEdition),
    iso: f.createdAt,
    status: f.status,
    // Checked when stored; checked again here because it becomes a link.
    pageHref: sameSitePath(f.fromPath),
    paragraphs: f.message.split(/\n{2,}/).map((p) => p.split('\n')),
    actions: actionsFor[f.status],
  });

  return [
    {
      method: 'GET',
      url: '/newsroom/feedback',
      permission: 'feedback.read',
      handler: async (ctx) => {
        const view = viewOf(ctx.query.view);
        const [dir, page, counts] = await Promise.all([
          directory.get(),
          listFeedback(db, { view, beforeId: idFrom(ctx.query.before) ?? undefined }),
          countFeedbackByStatus(db),
        ]);
        const countOf = (v: FeedbackView) => (v === 'inbox' ? counts.unread + counts.read : v === 'all' ? counts.unread + counts.read + counts.archived : counts[v]);
        const label = views.find((x) => x.view === view)!.label;
        return ctx.render(
          'Feedback',
          <FeedbackInboxPage
            model={{
              heading: `${label} (${countOf(view)})`,
              view,
              tabs: views.map((x) => ({ label: `${x.label} (${countOf(x.view)})`, href: inboxHref(x.view), current: x.view === view })),
              items: page.items.map((f) => itemOf(f, dir)),
              olderHref: page.next ? inboxHref(view, page.next) : null,
              csrfToken: ctx.session!.csrfToken,
            }}
          />,
        );
      },
    },
    ...Object.entries(statusAfter).map(
      ([action, status]): DeskRoute => ({
        method: 'POST',
        url: `/newsroom/feedback/:id/${action}`,
        permission: 'feedback.read',
        handler: async (ctx: DeskContext) => {
          const id = Number(ctx.params.id);
          if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundError('There is no such message.');
          await setFeedbackStatus(db, id, status);
          const view = viewOf(Array.isArray(ctx.form.view) ? ctx.form.view[0] : ctx.form.view);
          return ctx.reply.redirect(inboxHref(view), 303);
        },
      }),
    ),
  ];
}
