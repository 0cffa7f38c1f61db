import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { cdnConfigFrom, type CdnConfig } from './cache/cdn-purge.js';
import { parseAllowList, type OutboundPolicy } from './net/address-policy.js';
import { ConfigError } from './util/config-error.js';

/** Where the data lives: an SQLite file (the default) or a PostgreSQL server. */
export type DatabaseTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  database: DatabaseTarget;
  siteUrl: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Trending: how many hours halve a read's weight. */
  trendingHalfLifeHours: number;
  /** An OpenAI-compatible chat endpoint that may rewrite agency copy; null: no rewriting. */
  llm: ModelEndpoint | null;
  /** An OpenAI-compatible images endpoint for story illustrations; null: local illustrations only. */
  imageGen: ImageEndpoint | null;
  /** Behind a reverse proxy: trust its X-Forwarded-For (true, a hop count, or its addresses), so
   *  rate limits, sign-in throttling and read counting see readers, not the proxy. */
  trustProxy: boolean | number | string[];
  /** Outgoing mail: an smtp(s):// address, or null to write messages to DATA_DIR/outbox as .eml files. */
  smtpUrl: string | null;
  /** MAIL_FROM as given ("Desk <news@example.org>"), or null: then every message is from the site's name at `mailAddress`. */
  mailFrom: string | null;
  /** The address mail is sent from (MAIL_FROM's, else no-reply@ SITE_URL's host). */
  mailAddress: string;
  /** DKIM signing of every message (DKIM_DOMAIN, DKIM_SELECTOR, DKIM_PRIVATE_KEY), or null. */
  dkim: { domainName: string; keySelector: string; privateKey: string } | null;
  /** A WebSub hub every feed announces and that is told when stories go out, or null. */
  websubHub: string | null;
  /** Newsletter sending: messages per second at most (all processes' senders each keep to it). */
  newsletterRatePerSecond: number;
  /** The rendered-page cache: its size in bytes (0: off) and how long an entry may live at most. */
  pageCache: { maxBytes: number; ttlMs: number };
  /** SQLite's own page cache, in bytes, of each connection (the server holds one). */
  sqliteCacheBytes: number;
  /** SQLITE_STARTUP_CHECK: `serve` and `migrate` run PRAGMA quick_check first ('quick'), or not ('off'). */
  sqliteStartupCheck: 'quick' | 'off';
  /** WIREDESK_ADMIN_PASSWORD: the demo admin's password (`serve --demo` on a database without users); null: a random one in a file. */
  adminPassword: string | null;
  /** The CDN in front, purged by surrogate key when content changes (CDN_PURGE and its variables). */
  cdn: CdnConfig;
  /** Requests the server makes (pictures, feeds, webhooks): what may be reached besides public
   *  addresses (OUTBOUND_ALLOW), see src/net/. */
  outbound: OutboundPolicy;
}

export interface ModelEndpoint {
  /** Base address without the trailing slash, e.g. http://127.0.0.1:11434/v1. */
  baseUrl: string;
  model: string;
  apiKey: string | null;
}

export interface ImageEndpoint {
  baseUrl: string;
  /** Sent as `model` when set; some servers have only one. */
  model: string | null;
  apiKey: string | null;
}

export { ConfigError };

/** SQLITE_CACHE_MB when unset. It was 32: the cache fills up on a large archive and stays as the
 *  process's own memory, while the operating system caches the file anyway. bench:ingest's
 *  measured step at 100,000 stored items took 34.0 s with 32 MB and 28.9-34.6 s with 8 MB. */
export const SQLITE_CACHE_MB_DEFAULT = 8;

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const envSchema = z.object({
  PORT: z.preprocess(
    blankToUndefined,
    z.coerce.number().int('must be a whole number').min(0, 'must be between 0 and 65535').max(65535, 'must be between 0 and 65535').default(3000),
  ),
  HOST: z.preprocess(blankToUndefined, z.string().min(1).default('127.0.0.1')),
  DATA_DIR: z.preprocess(blankToUndefined, z.string().min(1).default('./data')),
  DATABASE_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .refine((v) => /^(postgres|postgresql):\/\/[^\s]+$/.test(v) || /^sqlite:.+/.test(v), {
        message: 'must be postgres://user@host:port/database, sqlite:<file>, or unset for SQLite in DATA_DIR',
      })
      .optional(),
  ),
  SITE_URL: z.preprocess(
    blankToUndefined,
    z.url({ protocol: /^https?$/, message: 'must be an absolute http(s) URL such as https://news.example.org' }).default('http://127.0.0.1:3000'),
  ),
  TRENDING_HALF_LIFE_HOURS: z.preprocess(
    blankToUndefined,
    z.coerce.number().positive('must be a positive number of hours').max(168, 'must be at most 168 hours').default(6),
  ),
  LOG_LEVEL: z.preprocess(blankToUndefined, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
  LLM_BASE_URL: z.preprocess(blankToUndefined, endpointUrl('http://127.0.0.1:11434/v1').optional()),
  LLM_MODEL: z.preprocess(blankToUndefined, z.string().trim().min(1).max(200).optional()),
  LLM_API_KEY: z.preprocess(blankToUndefined, z.string().trim().min(1).max(1000).optional()),
  IMAGE_GEN_BASE_URL: z.preprocess(blankToUndefined, endpointUrl('https://api.example.org/v1').optional()),
  IMAGE_GEN_MODEL: z.preprocess(blankToUndefined, z.string().trim().min(1).max(200).optional()),
  IMAGE_GEN_API_KEY: z.preprocess(blankToUndefined, z.string().trim().min(1).max(1000).optional()),
  TRUST_PROXY: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(
        /^(true|false|\d{1,2}|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)$/,
        'must be true, false, a number of proxy hops, or addresses/CIDRs separated by commas',
      )
      .optional(),
  ),
  SMTP_URL: z.preprocess(
    blankToUndefined,
    z.url({ protocol: /^smtps?$/, message: 'must be smtp://user:pass@host:587 or smtps://user:pass@host:465' }).optional(),
  ),
  MAIL_FROM: z.preprocess(
    blankToUndefined,
    z.string().trim().min(3).max(300).regex(/@/, 'must contain an address, e.g. "Wiredesk <news@example.org>"').optional(),
  ),
  WEBSUB_HUB: z.preprocess(blankToUndefined, endpointUrl('https://pubsubhubbub.appspot.com/').optional()),
  DKIM_DOMAIN: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i, 'must be a domain name such as example.org')
      .optional(),
  ),
  DKIM_SELECTOR: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^[a-z0-9]([a-z0-9._-]{0,62})$/i, 'must be a DNS label such as mail2026')
      .optional(),
  ),
  DKIM_PRIVATE_KEY: z.preprocess(blankToUndefined, z.string().trim().min(1).max(20_000).optional()),
  NEWSLETTER_RATE_PER_SECOND: z.preprocess(
    blankToUndefined,
    z.coerce.number().positive('must be a positive number of messages per second').max(100_000, 'must be at most 100000').default(10),
  ),
  PAGE_CACHE_MB: z.preprocess(blankToUndefined, z.coerce.number().min(0, 'must be 0 (off) or more megabytes').max(65_536, 'must be at most 65536').default(64)),
  SQLITE_CACHE_MB: z.preprocess(
    blankToUndefined,
    z.coerce.number().min(1, 'must be at least 1 megabyte').max(4096, 'must be at most 4096').default(SQLITE_CACHE_MB_DEFAULT),
  ),
  SQLITE_STARTUP_CHECK: z.preprocess(blankToUndefined, z.enum(['quick', 'off'], { message: 'must be quick or off' }).default('quick')),
  WIREDESK_ADMIN_PASSWORD: z.preprocess(
    blankToUndefined,
    z.string().min(12, 'must have at least 12 characters').max(1024, 'must have at most 1024 characters').optional(),
  ),
  PAGE_CACHE_TTL_SECONDS: z.preprocess(
    blankToUndefined,
    z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(86_400, 'must be at most 86400').default(300),
  ),
  OUTBOUND_ALLOW: z.preprocess(
    blankToUndefined,
    z
      .string()
      .max(10_000)
      .default('')
      .transform((value, ctx) => {
        try {
          return parseAllowList(value);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: `${(error as Error).message}; give host names, *.domains, addresses or CIDR ranges separated by commas` });
          return z.NEVER;
        }
      }),
  ),
});

function endpointUrl(example: string) {
  return z.url({ protocol: /^https?$/, message: `must be an absolute http(s) URL such as ${example}` });
}

/** Reads and validates the environment. Throws ConfigError naming the first bad variable. */
/** The configuration with another public address: the one `wiredesk init` recorded, which the
 *  server takes when SITE_URL is not set. Mail then comes from no-reply@ its host (unless MAIL_FROM). */
export function withSiteUrl(config: Config, siteUrl: string): Config {
  const url = siteUrl.replace(/\/+$/, '');
  return { ...config, siteUrl: url, mailAddress: config.mailFrom ? config.mailAddress : `no-reply@${new URL(url).hostname}` };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    // A secret's value is not repeated in the message (it would end up in terminals and logs).
    const given = /PASSWORD|KEY|TOKEN|SECRET/.test(name) ? '…' : JSON.stringify(env[name] ?? '').replace(/\/\/[^/@\s"]*@/, '//…@');
    throw new ConfigError(`${name}=${given} is not valid: ${issue.message}`);
  }
  const e = parsed.data;
  // Rewriting needs both the address and the model: one without the other is a mistake.
  if (Boolean(e.LLM_BASE_URL) !== Boolean(e.LLM_MODEL)) {
    const missing = e.LLM_BASE_URL ? 'LLM_MODEL' : 'LLM_BASE_URL';
    throw new ConfigError(`${missing}="" is not valid: LLM_BASE_URL and LLM_MODEL are set together (or neither)`);
  }
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database: databaseTarget(e.DATABASE_URL, dataDir),
    siteUrl: e.SITE_URL.replace(/\/+$/, ''),
    logLevel: e.LOG_LEVEL,
    trendingHalfLifeHours: e.TRENDING_HALF_LIFE_HOURS,
    llm: e.LLM_BASE_URL && e.LLM_MODEL ? { baseUrl: e.LLM_BASE_URL.replace(/\/+$/, ''), model: e.LLM_MODEL, apiKey: e.LLM_API_KEY ?? null } : null,
    trustProxy: trustProxyOf(e.TRUST_PROXY),
    smtpUrl: e.SMTP_URL ?? null,
    mailFrom: e.MAIL_FROM ?? null,
    mailAddress: e.MAIL_FROM ? (/<([^>]+)>/.exec(e.MAIL_FROM)?.[1] ?? e.MAIL_FROM).trim() : `no-reply@${new URL(e.SITE_URL).hostname}`,
    dkim: dkimOf(e.DKIM_DOMAIN, e.DKIM_SELECTOR, e.DKIM_PRIVATE_KEY),
    websubHub: e.WEBSUB_HUB ?? null,
    newsletterRatePerSecond: e.NEWSLETTER_RATE_PER_SECOND,
    pageCache: { maxBytes: Math.round(e.PAGE_CACHE_MB * 1024 * 1024), ttlMs: e.PAGE_CACHE_TTL_SECONDS * 1000 },
    sqliteCacheBytes: Math.round(e.SQLITE_CACHE_MB * 1024 * 1024),
    sqliteStartupCheck: e.SQLITE_STARTUP_CHECK,
    adminPassword: e.WIREDESK_ADMIN_PASSWORD ?? null,
    cdn: cdnConfigFrom(env),
    outbound: { allow: e.OUTBOUND_ALLOW },
    imageGen: e.IMAGE_GEN_BASE_URL
      ? { baseUrl: e.IMAGE_GEN_BASE_URL.replace(/\/+$/, ''), model: e.IMAGE_GEN_MODEL ?? null, apiKey: e.IMAGE_GEN_API_KEY ?? null }
      : null,
  };
}

/** DKIM settings come together or not at all; the key is PEM text (newlines may be written \n) or the path of a PEM file. */
function dkimOf(domainName: string | undefined, keySelector: string | undefined, key: string | undefined): Config['dkim'] {
  const given = [domainName, keySelector, key].filter(Boolean).length;
  if (given === 0) return null;
  if (given < 3) {
    const missing = !domainName ? 'DKIM_DOMAIN' : !keySelector ? 'DKIM_SELECTOR' : 'DKIM_PRIVATE_KEY';
    throw new ConfigError(`${missing}="" is not valid: DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY are set together (or none)`);
  }
  let pem = key!.replace(/\\n/g, '\n');
  if (!pem.includes('-----BEGIN')) {
    try {
      pem = fs.readFileSync(pem, 'utf8');
    } catch {
      throw new ConfigError('DKIM_PRIVATE_KEY="…" is not valid: give the PEM private key, or the path of a file holding it');
    }
  }
  try {
    crypto.createPrivateKey(pem);
  } catch {
    throw new ConfigError('DKIM_PRIVATE_KEY="…" is not valid: it is not a PEM private key');
  }
  return { domainName: domainName!, keySelector: keySelector!, privateKey: pem };
}

/** Fastify's trustProxy: whom to believe about the client's address (X-Forwarded-For). */
function trustProxyOf(value: string | undefined): boolean | number | string[] {
  if (!value || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((v) => v.trim());
}

function databaseTarget(url: string | undefined, dataDir: string): DatabaseTarget {
  if (!url) return { kind: 'sqlite', file: path.join(dataDir, 'wiredesk.db') };
  if (url.startsWith('sqlite:')) return { kind: 'sqlite', file: path.resolve(url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '')) };
  return { kind: 'postgres', url };
}

/** A database address safe to print: the password is hidden. */
export function describeDatabase(target: DatabaseTarget): string {
  if (target.kind === 'sqlite') return `SQLite database ${target.file}`;
  try {
    const u = new URL(target.url);
    if (u.password) u.password = '***';
    return `PostgreSQL database ${u.toString()}`;
  } catch {
    return 'PostgreSQL database (unparseable DATABASE_URL)';
  }
}
