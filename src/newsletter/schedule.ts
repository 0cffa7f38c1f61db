import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import { recordAudit, type Actor } from '../content/audit.js';
import { fromZod } from '../content/errors.js';
import { getSetting, putSetting } from '../content/settings.js';
import type { Edition } from '../content/taxonomy.js';
import type { Config } from '../config.js';
import { inTransaction, type DB } from '../db/connect.js';
import { startExclusiveJob, type ExclusiveJob } from '../db/job-lock.js';
import type { Mailer } from '../mail/mailer.js';
import type { Directory, DirectoryLoader } from '../content/directory.js';
import { composeDigest, digestSubject } from './digest.js';
import { localDate, localMinutes } from '../util/time-zones.js';
import { createIssue, issueExists, sendDueNewsletters, type Issue, type SendSummary } from './sending.js';

/*
 * When digests go out: a time of day, "HH:MM" in each edition's own time zone (07:00 in Asia/
 * Kolkata for South Asia, 07:00 in Europe/Paris for Europe …), one for all editions and, where
 * editors set one, a time of its own for an edition.
 * From that time on, for CATCH_UP_MINUTES, the server makes the edition's issue for its local
 * day if there is none yet, so a server that was down at 07:00 catches up when it comes back
 * (but never sends yesterday's digest in the evening).
 */

export const CATCH_UP_MINUTES = 180;

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day such as 07:00');

export const newsletterSettingsSchema = z.object({
  /** Local time of day, 24-hour "HH:MM", in each edition's time zone. */
  sendTime: timeOfDay.default('07:00'),
  /** An edition's own time (edition slug → "HH:MM"), where it differs from sendTime. */
  editionTimes: z.record(z.string().max(80), timeOfDay).default({}),
  /** Daily digests on or off. */
  enabled: z.boolean().default(true),
});
export type NewsletterSettings = z.output<typeof newsletterSettingsSchema>;

const SETTINGS_KEY = 'newsletter.schedule';

export async function getNewsletterSettings(db: DB): Promise<NewsletterSettings> {
  const parsed = newsletterSettingsSchema.safeParse((await getSetting(db, SETTINGS_KEY)) ?? {});
  return parsed.success ? parsed.data : newsletterSettingsSchema.parse({});
}

/** Changes the schedule (the rest keeps its values), with its audit entry, in one transaction. */
export async function updateNewsletterSettings(db: DB, patch: Partial<z.input<typeof newsletterSettingsSchema>>, actor: Actor): Promise<NewsletterSettings> {
  return inTransaction(db, async (trx) => {
    const merged = newsletterSettingsSchema.safeParse({ ...(await getNewsletterSettings(trx)), ...patch });
    if (!merged.success) throw fromZod('newsletter settings', merged.error);
    const saved = merged.data;
    await putSetting(trx, SETTINGS_KEY, saved);
    const own = Object.entries(saved.editionTimes)
      .map(([slug, t]) => `${slug} ${t}`)
      .join(', ');
    await recordAudit(trx, actor, 'newsletter.schedule', 'newsletter', `${saved.enabled ? 'on' : 'off'} at ${saved.sendTime}${own ? `; ${own}` : ''}`);
    return saved;
  });
}

/** When an edition's digest goes out, in its own time zone. */
export const sendTimeOf = (settings: NewsletterSettings, edition: Pick<Edition, 'slug'>) => settings.editionTimes[edition.slug] ?? settings.sendTime;

/** Whether `edition`'s digest is due at `now`: its local time is within the catch-up window after the send time. */
export function isDue(edition: Pick<Edition, 'timeZone'>, sendTime: string, now: Date): boolean {
  const [h, m] = sendTime.split(':').map(Number) as [number, number];
  const since = localMinutes(now, edition.timeZone) - (h * 60 + m);
  return since >= 0 && since < CATCH_UP_MINUTES;
}

async function hasConfirmedSubscribers(db: DB, editionId: number): Promise<boolean> {
  const row = await db
    .selectFrom('newsletter_subscriber_editions as se')
    .innerJoin('newsletter_subscribers as s', 's.id', 'se.subscriber_id')
    .select('s.id')
    .where('se.edition_id', '=', editionId)
    .where('s.status', '=', 'confirmed')
    .limit(1)
    .executeTakeFirst();
  return Boolean(row);
}

/** Makes the issues that are due and not made yet (by this or another process). */
export async function createDueIssues(
  db: DB,
  options: { dir: Directory; siteUrl: string; now?: Date; halfLifeHours?: number; editions?: Edition[] },
): Promise<Issue[]> {
  const settings = await getNewsletterSettings(db);
  if (!settings.enabled) return [];
  const now = options.now ?? new Date();
  const made: Issue[] = [];
  for (const edition of options.editions ?? options.dir.editions) {
    if (!isDue(edition, sendTimeOf(settings, edition), now)) continue;
    const issueDate = localDate(now, edition.timeZone);
    if (await issueExists(db, edition.id, issueDate)) continue;
    if (!(await hasConfirmedSubscribers(db, edition.id))) continue;
    const issue = await makeIssue(db, { edition, dir: options.dir, siteUrl: options.siteUrl, now, halfLifeHours: options.halfLifeHours });
    if (issue) made.push(issue);
  }
  return made;
}

/** Composes and stores the issue of `edition` for its local date at `now`, whatever the time (tests, the bench). */
export async function makeIssue(
  db: DB,
  options: { edition: Edition; dir: Directory; siteUrl: string; now?: Date; halfLifeHours?: number },
): Promise<Issue | null> {
  const now = options.now ?? new Date();
  const content = await composeDigest(db, { ...options, now });
  return createIssue(db, { editionId: options.edition.id, issueDate: content.issueDate, subject: digestSubject(content), content, now: now.toISOString() });
}

/** Pauses after the server looked unavailable: 30 s, doubling up to 15 min. */
const FIRST_PAUSE_MS = 30_000;
const MAX_PAUSE_MS = 15 * 60_000;
/** The pause is kept in the settings table, so that every process keeps it (else each would
 *  try the failing server once per pause of its own). */
const PAUSE_KEY = 'newsletter.pause';
interface Pause {
  /** No sending before this (ms since the epoch). */
  until: number;
  /** The next pause. */
  nextMs: number;
}

/**
 * The newsletter in `wiredesk serve`: makes due issues and sends, every `intervalMs`. One
 * process at a time (the job lock, src/db/job-lock.ts): a digest is composed once, and
 * NEWSLETTER_RATE_PER_SECOND is the rate of the whole site, however many servers run. (The send
 * log's leases would keep several senders from doubling a message anyway; see sending.ts.)
 */
export function startNewsletterWorker(
  db: DB,
  config: Pick<Config, 'siteUrl' | 'mailAddress' | 'newsletterRatePerSecond' | 'trendingHalfLifeHours'>,
  mailer: Mailer,
  directory: DirectoryLoader,
  log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>,
  intervalMs = 30_000,
): ExclusiveJob {
  const stopping = new AbortController();
  const worker = startExclusiveJob(
    db,
    'newsletter',
    async () => {
      const dir = await directory.get();
      const made = await createDueIssues(db, { dir, siteUrl: config.siteUrl, halfLifeHours: config.trendingHalfLifeHours });
      for (const issue of made) log.info({ issue: issue.id, edition: issue.editionId, recipients: issue.recipients }, 'newsletter issue made');
      const pause = (await getSetting<Pause>(db, PAUSE_KEY)) ?? { until: 0, nextMs: FIRST_PAUSE_MS };
      if (Date.now() < pause.until) return;
      const summary: SendSummary = await sendDueNewsletters(db, {
        mailer,
        siteUrl: config.siteUrl,
        unsubscribeMailbox: dir.settings.contactEmail || config.mailAddress,
        ratePerSecond: config.newsletterRatePerSecond,
        signal: stopping.signal,
      });
      if (summary.sent || summary.failed || summary.retried) log.info(summary, 'newsletter messages sent');
      if (summary.stopped === 'server-unavailable') {
        await putSetting(db, PAUSE_KEY, { until: Date.now() + pause.nextMs, nextMs: Math.min(MAX_PAUSE_MS, pause.nextMs * 2) } satisfies Pause);
        log.warn({ pauseSeconds: pause.nextMs / 1000 }, 'newsletter sending paused: the mail server refuses or is unreachable');
      } else if (summary.sent && pause.nextMs !== FIRST_PAUSE_MS) {
        await putSetting(db, PAUSE_KEY, { until: 0, nextMs: FIRST_PAUSE_MS } satisfies Pause);
      }
    },
    intervalMs,
    (error) => log.error({ err: error }, 'newsletter worker failed'),
  );
  return {
    tick: () => worker.tick(),
    async stop() {
      stopping.abort();
      await worker.stop();
    },
  };
}
