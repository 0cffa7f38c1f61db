import type { Directory } from '../../content/directory.js';
import type { DeskChrome } from '../desk-views.js';
import { can, type Permission } from '../permissions.js';
import type { Session } from '../sessions.js';
import { deskUrls } from '../urls.js';

/** The admin screens in the desk's menu, each shown to the roles that may open it. */
const adminScreens: [Permission, string, string][] = [
  ['front.curate', deskUrls.front(), 'Front page'],
  ['pages.manage', deskUrls.pages(), 'Pages'],
  ['authors.manage', deskUrls.authors(), 'Authors'],
  ['taxonomy.manage', deskUrls.taxonomy(), 'Sectors & editions'],
  ['users.manage', deskUrls.users(), 'Users'],
  ['settings.manage', deskUrls.settings(), 'Settings'],
  ['audience.view', deskUrls.audience(), 'Audience'],
  ['sources.manage', deskUrls.sources(), 'Wire sources'],
  ['webhooks.manage', deskUrls.webhooks(), 'Webhooks'],
  ['feedback.read', deskUrls.feedback(), 'Feedback'],
  ['newsletter.preview', deskUrls.newsletter(), 'Newsletter'],
  ['audit.read', deskUrls.audit(), 'Audit log'],
];

/** What every desk page shows around its content, for this person. */
export const chromeOf = (dir: Directory, session: Session | null, stylesheet: string, unread = 0): DeskChrome => ({
  unread,
  stylesheet,
  siteName: dir.settings.siteName,
  user: session ? { displayName: session.user.displayName, role: session.user.role } : null,
  csrfToken: session?.csrfToken ?? '',
  adminLinks: session ? adminScreens.filter(([permission]) => can(session.user.role, permission)).map(([, value, label]) => ({ value, label })) : [],
});
