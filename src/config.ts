import path from 'node:path';
import { z } from 'zod';

/** Where the data lives: an SQLite file (the default) or a PostgreSQL server. */
export type DatabaseTarget =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgres'; url: string };

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
  /** The From of every message. */
  mailFrom: string;
  /** Newsletter sending: messages per second at most (all processes' senders each keep to it). */
  newsletterRatePerSecond: number;
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

/** A configuration problem a person can fix; reported as one line, exit code 2. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

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
    z
      .url({ protocol: /^https?$/, message: 'must be an absolute http(s) URL such as https://news.example.org' })
      .default('http://127.0.0.1:3000'),
  ),
  TRENDING_HALF_LIFE_HOURS: z.preprocess(
    blankToUndefined,
    z.coerce.number().positive('must be a positive number of hours').max(168, 'must be at most 168 hours').default(6),
  ),
  LOG_LEVEL: z.preprocess(
    blankToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
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
      .regex(/^(true|false|\d{1,2}|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)$/, 'must be true, false, a number of proxy hops, or addresses/CIDRs separated by commas')
      .optional(),
  ),
  SMTP_URL: z.preprocess(
    blankToUndefined,
    z.url({ protocol: /^smtps?$/, message: 'must be smtp://user:pass@host:587 or smtps://user:pass@host:465' }).optional(),
  ),
  MAIL_FROM: z.preprocess(blankToUndefined, z.string().trim().min(3).max(300).regex(/@/, 'must contain an address, e.g. "Wiredesk <news@example.org>"').optional()),
  NEWSLETTER_RATE_PER_SECOND: z.preprocess(
    blankToUndefined,
    z.coerce.number().positive('must be a positive number of messages per second').max(100_000, 'must be at most 100000').default(10),
  ),
});

function endpointUrl(example: string) {
  return z.url({ protocol: /^https?$/, message: `must be an absolute http(s) URL such as ${example}` });
}

/** Reads and validates the environment. Throws ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    const given = env[name];
    throw new ConfigError(`${name}=${JSON.stringify(given ?? '')} is not valid: ${issue.message}`);
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
    mailFrom: e.MAIL_FROM ?? `Wiredesk <no-reply@${new URL(e.SITE_URL).hostname}>`,
    newsletterRatePerSecond: e.NEWSLETTER_RATE_PER_SECOND,
    imageGen: e.IMAGE_GEN_BASE_URL
      ? { baseUrl: e.IMAGE_GEN_BASE_URL.replace(/\/+$/, ''), model: e.IMAGE_GEN_MODEL ?? null, apiKey: e.IMAGE_GEN_API_KEY ?? null }
      : null,
  };
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
