import { z } from 'zod';
import { ConfigError } from '../util/config-error.js';
import { cloudflareAdapter } from './purge/cloudflare.js';
import { createBatchingPurger, type PurgeOptions } from './purge/engine.js';
import type { BatchingCdnPurger, PurgeLog } from './purge/types.js';
import { fastlyAdapter } from './purge/fastly.js';
import { varnishAdapter } from './purge/varnish.js';

export { CDN_KEY_PATTERN, type PurgeOptions } from './purge/engine.js';
export type { BatchingCdnPurger, CdnPurger, PurgeLog } from './purge/types.js';

export type CdnConfig =
  | { kind: 'none' }
  | { kind: 'varnish'; servers: string[] }
  | { kind: 'fastly'; apiUrl: string; serviceId: string; apiToken: string }
  | { kind: 'cloudflare'; apiUrl: string; zoneId: string; apiToken: string };

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

/** An absolute http(s) address without credentials (fetch refuses them), query or fragment. */
function httpUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname || url.username || url.password || url.search || url.hash) return null;
  return url.toString().replace(/\/+$/, '');
}

const apiUrl = (fallback: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .default(fallback)
      .transform((value, ctx) => {
        const url = httpUrl(value);
        if (url) return url;
        ctx.addIssue({ code: 'custom', message: `must be an absolute http(s) URL such as ${fallback}` });
        return z.NEVER;
      }),
  );

const token = optional(
  z
    .string()
    .trim()
    .max(2000, 'is too long')
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces'),
);
const id = optional(
  z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be letters, digits, - and _ (at most 64)'),
);

/** The CDN_* environment variables, parsed into a CdnConfig; issues name the variable. */
export const cdnConfigSchema = z
  .object({
    CDN_PURGE: optional(
      z
        .string()
        .trim()
        .toLowerCase()
        .pipe(z.enum(['varnish', 'fastly', 'cloudflare'], { message: 'must be varnish, fastly, cloudflare, or unset for no CDN' })),
    ),
    VARNISH_PURGE_URL: optional(
      z.string().transform((value, ctx) => {
        const servers = value
          .split(',')
          .map((part) => part.trim())
          .filter(Boolean)
          .map(httpUrl);
        if (servers.length > 0 && servers.every((url): url is string => url !== null)) return [...new Set(servers)];
        ctx.addIssue({ code: 'custom', message: 'must be http(s) addresses of Varnish servers, comma-separated, such as http://127.0.0.1:6081' });
        return z.NEVER;
      }),
    ),
    FASTLY_SERVICE_ID: id,
    FASTLY_API_TOKEN: token,
    FASTLY_API_URL: apiUrl('https://api.fastly.com'),
    CLOUDFLARE_ZONE_ID: id,
    CLOUDFLARE_API_TOKEN: token,
    CLOUDFLARE_API_URL: apiUrl('https://api.cloudflare.com/client/v4'),
  })
  .superRefine((e, ctx) => {
    const required: Record<string, (keyof typeof e)[]> = {
      varnish: ['VARNISH_PURGE_URL'],
      fastly: ['FASTLY_SERVICE_ID', 'FASTLY_API_TOKEN'],
      cloudflare: ['CLOUDFLARE_ZONE_ID', 'CLOUDFLARE_API_TOKEN'],
    };
    for (const name of e.CDN_PURGE ? required[e.CDN_PURGE]! : []) {
      if (e[name] === undefined) ctx.addIssue({ code: 'custom', path: [name], message: `is required when CDN_PURGE=${e.CDN_PURGE}` });
    }
  })
  .transform((e): CdnConfig => {
    switch (e.CDN_PURGE) {
      case 'varnish':
        return { kind: 'varnish', servers: e.VARNISH_PURGE_URL! };
      case 'fastly':
        return { kind: 'fastly', apiUrl: e.FASTLY_API_URL, serviceId: e.FASTLY_SERVICE_ID!, apiToken: e.FASTLY_API_TOKEN! };
      case 'cloudflare':
        return { kind: 'cloudflare', apiUrl: e.CLOUDFLARE_API_URL, zoneId: e.CLOUDFLARE_ZONE_ID!, apiToken: e.CLOUDFLARE_API_TOKEN! };
      default:
        return { kind: 'none' };
    }
  });

const SECRET = /TOKEN$/;

/** Reads the CDN settings. Throws a ConfigError naming the first bad or missing variable
 *  (tokens are never repeated in it). */
export function cdnConfigFrom(env: NodeJS.ProcessEnv): CdnConfig {
  const parsed = cdnConfigSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const name = String(issue.path[0] ?? 'CDN_PURGE');
  const given = env[name] ?? '';
  const shown = SECRET.test(name) && given ? '"…"' : JSON.stringify(given);
  throw new ConfigError(`${name}=${shown} is not valid: ${issue.message}`);
}

/** The purger for the configured CDN, or null without one. */
export function createCdnPurger(config: CdnConfig, log: PurgeLog, options: PurgeOptions = {}): BatchingCdnPurger | null {
  switch (config.kind) {
    case 'none':
      return null;
    case 'varnish':
      return createBatchingPurger(varnishAdapter(config.servers), log, options);
    case 'fastly':
      return createBatchingPurger(fastlyAdapter(config), log, options);
    case 'cloudflare':
      return createBatchingPurger(cloudflareAdapter(config), log, options);
  }
}
