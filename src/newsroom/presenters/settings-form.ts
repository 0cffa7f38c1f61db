import { z } from 'zod';
import type { SiteSettings, SiteSettingsInput } from '../../content/settings.js';
import type { SettingsModel } from '../admin-views.js';
import { text } from '../desk-input.js';

/** The settings form: the site's settings as its fields, and its fields as a change of settings. */

const asLines = (links: { label: string; url: string }[]) => links.map((l) => `${l.label} | ${l.url}`).join('\n');

export const settingsFormOf = (s: SiteSettings): SettingsModel => ({
  siteName: s.siteName,
  tagline: s.tagline,
  publisherName: s.publisherName,
  contactEmail: s.contactEmail,
  contactPhones: s.contactPhones.join('\n'),
  socialLinks: asLines(s.socialLinks),
  otherLinks: asLines(s.otherLinks),
  otherProducts: asLines(s.otherProducts),
  agencyCredit: s.agencyCredit,
  twitterHandle: s.twitterHandle,
  postalAddress: s.postalAddress,
});

const whole = text(Infinity);
/** The fields as sent: shown again as they were when the change is refused. */
export const settingsFields = z.object({
  siteName: whole,
  tagline: whole,
  publisherName: whole,
  contactEmail: whole,
  contactPhones: whole,
  socialLinks: whole,
  otherLinks: whole,
  otherProducts: whole,
  agencyCredit: whole,
  twitterHandle: whole,
  postalAddress: whole,
}) satisfies z.ZodType<SettingsModel>;

const lines = (value: string) =>
  value
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
const links = (value: string) =>
  lines(value).map((l) => {
    const [label, url] = l.split('|').map((p) => p.trim());
    return { label: label ?? '', url: url ?? '' };
  });

export const settingsChangeOf = (f: SettingsModel): Partial<SiteSettingsInput> => ({
  siteName: f.siteName,
  tagline: f.tagline,
  publisherName: f.publisherName,
  contactEmail: f.contactEmail,
  contactPhones: lines(f.contactPhones),
  socialLinks: links(f.socialLinks),
  otherLinks: links(f.otherLinks),
  otherProducts: links(f.otherProducts),
  agencyCredit: f.agencyCredit === 'names' ? 'names' : 'generic',
  twitterHandle: f.twitterHandle,
  postalAddress: f.postalAddress,
});
