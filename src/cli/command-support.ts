import os from 'node:os';
import type { Config } from '../config.js';
import type { Store } from '../db/connect.js';

// What every command shares: its output, who it acts as, and the database it works on.
// Each command loads what it uses when it runs (`await import`), so `wiredesk --help` and the
// small commands start without the web server, sharp, the PostgreSQL driver and the wire desk.

export const out = (line: string) => process.stdout.write(`${line}\n`);

/** Who the audit log names for changes made with the command: the operating-system user. */
export function cliActor() {
  let user = 'unknown';
  try {
    user = os.userInfo().username;
  } catch {
    // no user database entry (some containers)
  }
  return { name: `cli:${user}`, userId: null };
}

/** Runs `fn` with the configured, migrated database, and closes it afterwards. */
export async function withDatabase<T>(fn: (store: Store, config: Config) => Promise<T>, options: { checkFirst?: boolean } = {}): Promise<T> {
  const { loadConfig } = await import('../config.js');
  const config = loadConfig();
  const { openDatabase } = await import('../ops/bootstrap.js');
  const store = await openDatabase(config, { check: options.checkFirst && config.sqliteStartupCheck === 'quick' });
  // What a command changes is purged at the CDN in front (CDN_PURGE), as the server does for its own.
  const stopPurging = config.cdn.kind === 'none' ? null : await cdnPurgingFor(config);
  try {
    return await fn(store, config);
  } finally {
    await stopPurging?.();
    await store.close();
  }
}

async function cdnPurgingFor(config: Config): Promise<() => Promise<void>> {
  const [{ createCdnPurger }, { purgeCdnOnChanges }] = await Promise.all([import('../cache/cdn-purge.js'), import('../cache/cdn.js')]);
  const purger = createCdnPurger(config.cdn, {
    warn: (obj, msg) => process.stderr.write(`${msg}: ${(obj as { err?: Error }).err?.message ?? JSON.stringify(obj)}\n`),
  })!;
  return purgeCdnOnChanges(purger);
}

/** SITE_URL when it is set; else the address `wiredesk init` recorded in the site settings. */
export async function siteUrlFor(config: Config, store: Store): Promise<Config> {
  if (process.env.SITE_URL?.trim()) return config;
  const [{ getSiteSettings }, { withSiteUrl }] = await Promise.all([import('../content/settings.js'), import('../config.js')]);
  const recorded = (await getSiteSettings(store.db)).siteUrl;
  return recorded ? withSiteUrl(config, recorded) : config;
}

export function progressBar(done: number, total: number, unit = 'items', width = 30): string {
  const filled = total ? Math.round((done / total) * width) : 0;
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${unit}`;
}
