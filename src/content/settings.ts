import { z } from 'zod';
import { rowId } from '../util/bounds.js';
import type { DB } from '../db/connect.js';
import { recordAudit, type Actor } from './audit.js';
import { fromZod } from './errors.js';
import { announceChange, changeContent } from './events.js';
import { nowIso } from './time.js';

const link = z.object({
  label: z.string().trim().min(1).max(80),
  url: z
    .string()
    .trim()
    .max(500)
    .refine((u) => /^(https?:\/\/|\/)/.test(u), 'must be an http(s) URL or a path starting with /'),
});
export type Link = z.infer<typeof link>;

/** A site's public address: absolute http(s), kept without a trailing slash. */
export const siteUrlSchema = z
  .url({ protocol: /^https?$/, message: 'the site URL must be an absolute http or https address such as https://news.example.org' })
  .max(500)
  .transform((u) => u.replace(/\/+$/, ''));

/** Everything the publisher sets once: names, contacts and the footer's link lists. */
export const siteSettingsSchema = z.object({
  siteName: z.string().trim().min(1).max(100).default('Wiredesk'),
  /** The public address `wiredesk init` recorded ('' when never set); SITE_URL, when set, wins. */
  siteUrl: z.union([z.literal(''), siteUrlSchema]).default(''),
  tagline: z.string().trim().max(200).default(''),
  publisherName: z.string().trim().min(1).max(200).default('Wiredesk'),
  contactEmail: z.email().or(z.literal('')).default(''),
  contactPhones: z.array(z.string().trim().min(3).max(40)).max(5).default([]),
  socialLinks: z.array(link).max(12).default([]),
  otherLinks: z.array(link).max(20).default([]),
  otherProducts: z.array(link).max(20).default([]),
  /** How a story credits its agencies: "(With inputs from agencies.)" or their names. */
  agencyCredit: z.enum(['generic', 'names']).default('generic'),
  /** The site's X (Twitter) account, for twitter:site ("@wiredesk"), or ''. */
  twitterHandle: z
    .string()
    .trim()
    .regex(/^(@\w{1,15})?$/, 'an @handle of at most 15 letters, digits or _')
    .default(''),
  /** The site's logo (a media id): its icons, favicon and structured-data logo; null: the bundled mark. */
  logoMediaId: rowId.nullable().default(null),
  /** The publisher's postal address, shown in the site's and the newsletter's footer. */
  postalAddress: z.string().trim().max(300).default(''),
});
export type SiteSettings = z.output<typeof siteSettingsSchema>;
export type SiteSettingsInput = z.input<typeof siteSettingsSchema>;

const SITE_KEY = 'site';

/** The site settings, with defaults for anything never set. */
export async function getSiteSettings(db: DB): Promise<SiteSettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', SITE_KEY).executeTakeFirst();
  const stored = row ? (JSON.parse(row.value) as unknown) : {};
  const parsed = siteSettingsSchema.safeParse(stored);
  // A stored value that no longer validates (e.g. after a schema change) falls back to defaults.
  return parsed.success ? parsed.data : siteSettingsSchema.parse({});
}

/** Changes some settings (the rest keep their values), with its audit entry, in one transaction. */
export async function updateSiteSettings(db: DB, patch: Partial<SiteSettingsInput>, actor: Actor): Promise<SiteSettings> {
  return saveSiteSettings(db, patch, actor, { action: 'settings.change' });
}

/** Makes a stored image (a media id) the site's logo, audited as a logo change. */
export async function setSiteLogo(db: DB, mediaId: number, actor: Actor): Promise<SiteSettings> {
  return saveSiteSettings(db, { logoMediaId: mediaId }, actor, { action: 'settings.logo', detail: `logo image ${mediaId}` });
}

async function saveSiteSettings(db: DB, patch: Partial<SiteSettingsInput>, actor: Actor, audit: { action: string; detail?: string }): Promise<SiteSettings> {
  return changeContent(db, async (trx) => {
    const merged = siteSettingsSchema.safeParse({ ...(await getSiteSettings(trx)), ...patch });
    if (!merged.success) throw fromZod('site settings', merged.error);
    await putSetting(trx, SITE_KEY, merged.data);
    await recordAudit(trx, actor, audit.action, 'site settings', audit.detail);
    announceChange(trx);
    return merged.data;
  });
}

/** A raw setting (JSON), for markers such as the demo seed's. */
export async function getSetting<T>(db: DB, key: string): Promise<T | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row ? (JSON.parse(row.value) as T) : null;
}

export async function putSetting(db: DB, key: string, value: unknown): Promise<void> {
  const now = nowIso();
  const json = JSON.stringify(value);
  await db
    .insertInto('settings')
    .values({ key, value: json, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: now }))
    .execute();
}

/** Stores a setting only if the key is new; true when this call stored it. Lets one of several
 *  processes claim a one-time job (such as seeding) inside its transaction. */
export async function claimSetting(db: DB, key: string, value: unknown): Promise<boolean> {
  const result = await db
    .insertInto('settings')
    .values({ key, value: JSON.stringify(value), updated_at: nowIso() })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}
