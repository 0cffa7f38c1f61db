import { listAudit } from '../content/audit.js';
import { AuditPage } from './audit-views.js';
import { get, page, type Desk, type DeskRoute } from './desk.js';
import { deskUrls } from './urls.js';

/** The audit log (admins): the newest 200 entries. */

export const auditRoutes = ({ db }: Desk): DeskRoute[] => [
  get(deskUrls.audit, 'audit.read', { handler: async () => page('Audit log', <AuditPage entries={await listAudit(db, { limit: 200 })} />) }),
];
