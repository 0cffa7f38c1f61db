import { z } from 'zod';
import {
  countFeedbackByStatus,
  listFeedback,
  sameSitePath,
  setFeedbackStatus,
  type Feedback,
  type FeedbackStatus,
  type FeedbackView,
} from '../audience/feedback.js';
import type { Directory } from '../content/directory.js';
import { bylineTime } from '../presentation/format.js';
import { get, page, post, redirect, type Desk, type DeskRoute } from './desk.js';
import { idParams, optionalId } from './desk-input.js';
import { FeedbackInboxPage, type FeedbackItemModel } from './feedback-views.js';
import { deskUrls, type FeedbackAction } from '../presentation/desk-urls.js';

/** The newsroom's feedback inbox: `/newsroom/feedback` (admins and editors, `feedback.read`). */

const views: { view: FeedbackView; label: string }[] = [
  { view: 'inbox', label: 'Inbox' },
  { view: 'unread', label: 'Unread' },
  { view: 'read', label: 'Read' },
  { view: 'archived', label: 'Archived' },
  { view: 'all', label: 'All' },
];

const viewOf = (v: unknown): FeedbackView => views.find((x) => x.view === (Array.isArray(v) ? v[0] : v))?.view ?? 'inbox';
const view = z.unknown().optional().transform(viewOf);
const inboxHref = (v: FeedbackView, beforeId?: number) => deskUrls.feedback({ view: v === 'inbox' ? undefined : v, before: beforeId });

/** What can be done to a message in each status. */
const actionsFor: Record<FeedbackStatus, { action: FeedbackAction; label: string }[]> = {
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

const statusAfter: Record<FeedbackAction, FeedbackStatus> = { read: 'read', unread: 'unread', archive: 'archived', restore: 'read' };

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

export function feedbackRoutes({ db }: Desk): DeskRoute[] {
  return [
    get(deskUrls.feedback, 'feedback.read', {
      input: { query: z.object({ view, before: optionalId }) },
      handler: async (ctx, { query }) => {
        const [found, counts] = await Promise.all([listFeedback(db, { view: query.view, beforeId: query.before ?? undefined }), countFeedbackByStatus(db)]);
        const countOf = (v: FeedbackView) =>
          v === 'inbox' ? counts.unread + counts.read : v === 'all' ? counts.unread + counts.read + counts.archived : counts[v];
        const label = views.find((x) => x.view === query.view)!.label;
        return page(
          'Feedback',
          <FeedbackInboxPage
            model={{
              heading: `${label} (${countOf(query.view)})`,
              view: query.view,
              tabs: views.map((x) => ({ label: `${x.label} (${countOf(x.view)})`, href: inboxHref(x.view), current: x.view === query.view })),
              items: found.items.map((f) => itemOf(f, ctx.dir)),
              olderHref: found.next ? inboxHref(query.view, found.next) : null,
              csrfToken: ctx.session.csrfToken,
            }}
          />,
        );
      },
    }),
    ...(Object.entries(statusAfter) as [FeedbackAction, FeedbackStatus][]).map(([action, status]) =>
      post(deskUrls.feedbackStep(action), 'feedback.read', {
        input: { params: idParams, form: z.object({ view }) },
        handler: async (_ctx, { params, form }) => {
          await setFeedbackStatus(db, params.id, status);
          return redirect(inboxHref(form.view));
        },
      }),
    ),
  ];
}
