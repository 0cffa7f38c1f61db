/**
 * Every newsroom address, in one place. Each is declared once as a pattern relative to the
 * prefix (what a route registers, e.g. `/articles/:id`) and is also the function that builds a
 * link to it (`deskUrls.article({ id: 5 })` is `/newsroom/articles/5`). This module imports
 * nothing, so views, presenters, mail and the rest of the program can all use it.
 */

export const NEWSROOM = '/newsroom';

type ParamsOf<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamsOf<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/** Query parameters; empty ones are left out of the link. */
export type Query = Record<string, string | number | null | undefined>;

export interface DeskPath<P extends string = string> {
  /** The pattern a route registers under the prefix. */
  readonly pattern: P;
  (...args: [ParamsOf<P>] extends [never] ? [query?: Query] : [params: Record<ParamsOf<P>, string | number>, query?: Query]): string;
}

const queryString = (query: Query | undefined): string => {
  const q = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) if (value !== undefined && value !== null && value !== '') q.set(name, String(value));
  const s = q.toString();
  return s ? `?${s}` : '';
};

function at<P extends string>(pattern: P): DeskPath<P> {
  const hasParams = pattern.includes(':');
  const href = (...args: unknown[]): string => {
    const params = (hasParams ? args[0] : {}) as Record<string, string | number>;
    const query = (hasParams ? args[1] : args[0]) as Query | undefined;
    return `${NEWSROOM}${pattern.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(String(params[name])))}${queryString(query)}`;
  };
  return Object.assign(href, { pattern }) as unknown as DeskPath<P>;
}

/** The steps of the article workflow, each a POST to `/articles/<id>/<step>`. */
export type ArticleStep =
  | 'delete'
  | 'correct'
  | 'submit'
  | 'publish'
  | 'schedule'
  | 'schedule-embargo'
  | 'agency-update'
  | 'agency-update/decline'
  | 'regenerate-summary'
  | 'unpublish'
  | 'draft';
/** What the desk does to an inbox story, each a POST to `/inbox/<id>/<action>` (publish and
 *  discard go through inboxBulk, which asks first). */
export type InboxAction = 'schedule-embargo' | 'regenerate-summary' | 'rewrite' | 'shot' | 'split' | 'merge';

/** What the desk does to a reader's message, each a POST to `/feedback/<id>/<action>`. */
export type FeedbackAction = 'read' | 'unread' | 'archive' | 'restore';

export const deskUrls = {
  home: at(''),
  signIn: at('/sign-in'),
  setUp: at('/set-up'),
  signOut: at('/sign-out'),
  forgotPassword: at('/forgot-password'),
  resetPassword: at('/reset-password/:token'),

  articles: at('/articles'),
  newArticle: at('/articles/new'),
  article: at('/articles/:id'),
  autosave: at('/articles/:id/autosave'),
  preview: at('/articles/:id/preview'),
  articleStep: <S extends ArticleStep>(step: S) => at(`/articles/:id/${step}` as const),
  revisions: at('/articles/:id/revisions'),
  articleDiff: at('/articles/:id/diff'),
  restoreRevision: at('/articles/:id/revisions/:revision/restore'),
  heroUpload: at('/articles/:id/hero'),
  // The editor's tools beyond the form (editor-tools-routes.tsx)
  removeSource: at('/articles/:id/sources/remove'),
  heroPicker: at('/articles/:id/media'),
  heroPick: at('/articles/:id/hero/pick'),
  heroFocal: at('/articles/:id/hero/focal'),
  presence: at('/articles/:id/presence'),
  media: at('/media'),

  inbox: at('/inbox'),
  inboxItemDiff: at('/inbox/items/:id/diff'),
  /** Publish, discard or assign many stories at once (publish and discard ask first). */
  inboxBulk: at('/inbox/bulk'),
  /** New agency copy, announced live (server-sent events). */
  inboxEvents: at('/inbox/events'),
  inboxAction: <A extends InboxAction>(action: A) => at(`/inbox/:id/${action}` as const),

  notifications: at('/notifications'),
  notificationsRead: at('/notifications/read'),
  notificationsEmail: at('/notifications/email'),

  users: at('/users'),
  userRole: at('/users/:id/role'),
  userAccount: <C extends 'disable' | 'enable'>(change: C) => at(`/users/:id/${change}` as const),
  settings: at('/settings'),
  settingsLogo: at('/settings/logo'),
  pages: at('/pages'),
  page: at('/pages/:slug'),
  taxonomy: at('/taxonomy'),
  sectors: at('/sectors'),
  editions: at('/editions'),
  sources: at('/sources'),
  source: at('/sources/:id'),
  sourceStep: <S extends 'disable' | 'enable' | 'delete'>(step: S) => at(`/sources/:id/${step}` as const),
  authors: at('/authors'),
  author: at('/authors/:slug'),
  front: at('/front'),
  frontEdition: at('/front/:slug'),
  audit: at('/audit'),
  webhooks: at('/webhooks'),
  webhookActive: <C extends 'disable' | 'enable'>(change: C) => at(`/webhooks/:id/${change}` as const),

  newsletter: at('/newsletter'),
  newsletterPreview: at('/newsletter/preview'),
  newsletterPreviewText: at('/newsletter/preview.txt'),
  newsletterTest: at('/newsletter/test'),
  newsletterSchedule: at('/newsletter/schedule'),
  subscribers: at('/newsletter/subscribers'),
  subscribersCsv: at('/newsletter/subscribers.csv'),
  exportArticles: at('/export/articles.jsonl'),
  exportAudience: at('/export/audience.csv'),
  deleteSubscriber: at('/newsletter/subscribers/:id/delete'),

  audience: at('/audience'),
  feedback: at('/feedback'),
  feedbackStep: <S extends FeedbackAction>(step: S) => at(`/feedback/:id/${step}` as const),
};

/** Only newsroom addresses are followed after sign-in (no open redirect). */
export function safeNext(next: string | undefined): string {
  return next && next.startsWith(NEWSROOM) && /^(\/[A-Za-z0-9/_?=&%.-]*)?$/.test(next.slice(NEWSROOM.length)) && !next.startsWith('//') ? next : NEWSROOM;
}

/** Where a notification leads in the newsroom. */
export const notificationHref = (n: { kind: string; articleId: number | null }): string | null =>
  n.articleId ? deskUrls.article({ id: n.articleId }) : n.kind === 'source-failing' ? deskUrls.sources() : null;
