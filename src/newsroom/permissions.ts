import type { Article } from '../content/articles.js';
import type { UserRole } from '../content/users.js';

/**
 * Who may do what in the newsroom: the one table. Every newsroom route names one of these
 * permissions (or is public), and the route test walks every route with every role.
 */
export const permissionTable = {
  'desk.view': ['admin', 'editor', 'writer'],
  'article.create': ['admin', 'editor', 'writer'],
  /** Writers only their own drafts (see mayEditArticle). */
  'article.edit': ['admin', 'editor', 'writer'],
  'article.submit': ['admin', 'editor', 'writer'],
  'article.publish': ['admin', 'editor'],
  'article.unpublish': ['admin', 'editor'],
  'article.restore': ['admin', 'editor'],
  'audit.read': ['admin'],
  'users.manage': ['admin'],
  'settings.manage': ['admin'],
  'taxonomy.manage': ['admin'],
  'pages.manage': ['admin', 'editor'],
  /** Pin the lead and the top stories of an edition's front page, each until a time. */
  'front.curate': ['admin', 'editor'],
  /** Author profiles: bio, photo, links, the newsroom user they belong to. */
  'authors.manage': ['admin', 'editor'],
  'sources.manage': ['admin'],
  /** Publish or discard agency stories from the wire inbox, and have them rewritten. */
  'wire.triage': ['admin', 'editor'],
  /** The audience dashboard: reads, top stories, newsletter figures. */
  'audience.view': ['admin', 'editor'],
  'webhooks.manage': ['admin'],
  /** Preview the daily digest and send it to oneself as a test. */
  'newsletter.preview': ['admin', 'editor'],
  /** Set the digest's time of day, and turn digests on or off. */
  'newsletter.schedule': ['admin', 'editor'],
  /** Subscribers: list, export as CSV, delete on request. */
  'newsletter.manage': ['admin'],
  /** Read readers' feedback and move it between unread, read and archived. */
  'feedback.read': ['admin', 'editor'],
  /** Download published stories (ninjs JSON Lines) and reads per story and day (CSV). */
  'desk.export': ['admin', 'editor'],
} as const satisfies Record<string, readonly UserRole[]>;

export type Permission = keyof typeof permissionTable;

export function can(role: UserRole, permission: Permission): boolean {
  return (permissionTable[permission] as readonly UserRole[]).includes(role);
}

/** Editors and admins edit anything; a writer edits their own article while it is a draft or in review. */
export function mayEditArticle(user: { id: number; role: UserRole }, article: Pick<Article, 'createdBy' | 'status'>): boolean {
  if (user.role === 'admin' || user.role === 'editor') return true;
  return article.createdBy === user.id && (article.status === 'draft' || article.status === 'review');
}

/** The audiences (permissions) whose notifications a role sees. */
export const audiencesOf = (role: UserRole): Permission[] => (Object.keys(permissionTable) as Permission[]).filter((p) => can(role, p));
