import { z } from 'zod';
import type { DB } from '../db/connect.js';
import { recordAudit, type Actor } from './audit.js';
import { ConflictError, ValidationError } from './errors.js';
import { changeContent } from './events.js';
import { saveReferenceTaxonomy } from './reference-taxonomy.js';
import { claimSetting, siteUrlSchema, updateSiteSettings } from './settings.js';
import { countUsers, insertUser, passwordRule, prepareUser, userInput, type User } from './users.js';

/*
 * Setting up a production site (`wiredesk init`, or the newsroom's first-run form): the reference
 * taxonomy, the site's name and address, and the first admin with the password they chose, in
 * one transaction with its audit entry. A site is set up once: a database that has newsroom
 * users, or that was set up before, is refused and left as it is.
 */

/** The setting claimed inside the set-up transaction: of two at once, the second waits for the
 *  first's commit on this key and then finds it taken (PostgreSQL and SQLite alike). */
const SET_UP_MARKER = 'site.set-up';

export const siteSetupInput = z.object({
  siteName: z.string().trim().min(1, 'give the site a name').max(100, 'the site name can have at most 100 characters'),
  siteUrl: siteUrlSchema,
  adminName: z.string().trim().min(1, 'give the admin a name').max(100, 'the admin name can have at most 100 characters'),
  adminEmail: userInput.shape.email,
  password: passwordRule,
});
export type SiteSetupInput = z.input<typeof siteSetupInput>;

/** What each field is called where people type it, for the messages. */
const fieldNames: Record<keyof SiteSetupInput, string> = {
  siteName: 'site name',
  siteUrl: 'site URL',
  adminName: 'admin name',
  adminEmail: 'admin email',
  password: 'password',
};

/** Refused: the site was set up already (or has newsroom users some other way). */
export class SiteAlreadySetUpError extends ConflictError {
  override name = 'SiteAlreadySetUpError';
  constructor() {
    super('This site is set up already: it has newsroom users. Nothing was changed; sign in at /newsroom, or add people with wiredesk user add.');
  }
}

/** Checks the set-up fields (all, or only those named: the CLI checks its options before it asks
 *  for the password); a ValidationError lists each problem under the field's name. */
export function checkSiteSetup(input: Partial<SiteSetupInput>, only?: (keyof SiteSetupInput)[]): void {
  const parsed = siteSetupInput.safeParse(input);
  if (parsed.success) return;
  const issues = parsed.error.issues.filter((i) => !only || only.includes(i.path[0] as keyof SiteSetupInput));
  if (issues.length === 0) return;
  const problems = issues.map((i) => `${fieldNames[i.path[0] as keyof SiteSetupInput] ?? String(i.path[0])}: ${i.message}`);
  throw new ValidationError(`The site was not set up: ${problems.join('; ')}.`, problems);
}

/** True once the site is set up: it has newsroom users, or the set-up marker. */
export async function isSiteSetUp(db: DB): Promise<boolean> {
  if ((await countUsers(db)) > 0) return true;
  return (await db.selectFrom('settings').select('key').where('key', '=', SET_UP_MARKER).executeTakeFirst()) !== undefined;
}

export interface SiteSetupResult {
  admin: User;
  sectors: number;
  editions: number;
}

/**
 * Sets the site up: the reference sectors and editions (and each country's edition), the site's
 * name (also the publisher's, until changed) and URL, and the first admin, audited as
 * `site.set-up`. All or nothing: bad input is refused before anything is written, and a site set
 * up already (checked inside the transaction) is refused with SiteAlreadySetUpError.
 */
export async function setUpSite(db: DB, input: SiteSetupInput, actor: Actor): Promise<SiteSetupResult> {
  checkSiteSetup(input);
  const s = siteSetupInput.parse(input);
  const admin = await prepareUser({ email: s.adminEmail, displayName: s.adminName, role: 'admin', password: s.password });
  return changeContent(db, async (trx) => {
    if (!(await claimSetting(trx, SET_UP_MARKER, { at: new Date().toISOString(), by: actor.name })) || (await countUsers(trx)) > 0) {
      throw new SiteAlreadySetUpError();
    }
    const taxonomy = await saveReferenceTaxonomy(trx, actor);
    await updateSiteSettings(trx, { siteName: s.siteName, publisherName: s.siteName, siteUrl: s.siteUrl }, actor);
    const user = await insertUser(trx, admin, actor);
    await recordAudit(
      trx,
      actor,
      'site.set-up',
      `site ${s.siteUrl}`,
      `"${s.siteName}": ${taxonomy.sectors} sectors, ${taxonomy.editions} editions, first admin user ${user.id}: ${user.email}`,
    );
    return { admin: user, ...taxonomy };
  });
}
