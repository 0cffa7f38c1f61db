import { sql } from 'kysely';
import { nowIso, type IsoTime } from '../content/time.js';
import { dialectOf, inTransaction, type DB } from '../db/connect.js';
import { isPermanentFailure, type Mailer } from '../mail/mailer.js';
import { isEmptyDigest, renderDigest, type DigestContent } from './digest.js';
import { markBouncing } from './subscribers.js';
import { newsletterSecret, signLink } from './tokens.js';

/*
 * Sending an issue. When an issue is made, its send log is written in the same transaction: one
 * `pending` row per confirmed subscriber of the edition, unique (issue, subscriber). A sender
 * claims a batch of due rows (moving their due time on by a lease, so no other process takes
 * them; PostgreSQL senders skip each other's locked rows), sends each message through the
 * mailer at the configured rate, and marks the row `sent` once the SMTP server has accepted it.
 * A run stopped or killed at any point leaves every row either `sent` or `pending`, and the
 * next run sends exactly the pending ones.
 *
 * The one window that cannot be closed: the server has accepted a message and the process dies
 * before the UPDATE that marks it sent (a few milliseconds). That row is sent again once its
 * lease has run out: we chose a rare duplicate over a silent loss. The repeat carries the same
 * Message-ID (one per issue and subscriber), by which mail systems recognise it.
 *
 * Failures: a temporary one (4xx, a dropped or refused connection) is retried after a doubling
 * wait; a permanent refusal of the recipient or of the message (5xx to RCPT TO or DATA) fails the
 * row and marks the address bouncing. A 5xx to the sender itself (AUTH, MAIL FROM) says nothing
 * about the reader: the row is retried and the run stops, as it does after several temporary
 * failures in a row (the server is down or refusing us).
 */

/** Attempts before a row is given up (marked failed). */
export const MAX_ATTEMPTS = 8;
/** The wait after the first temporary failure; doubles after each further one (2 min … about 2 h). */
export const FIRST_RETRY_MS = 120_000;
/** How long a claimed row is kept from other senders. Far longer than one SMTP transaction. */
export const LEASE_MS = 10 * 60_000;
/** Temporary failures in a row after which a run stops and leaves the rest for later. */
export const FAILURES_BEFORE_PAUSE = 5;

export const retryDelayMs = (attemptsMade: number) => FIRST_RETRY_MS * 2 ** Math.max(0, attemptsMade - 1);

export interface Issue {
  id: number;
  editionId: number;
  issueDate: string;
  subject: string;
  status: 'sending' | 'done';
  recipients: number;
  createdAt: IsoTime;
  finishedAt: IsoTime | null;
}

/**
 * Makes the issue of `editionId` for its local date `issueDate`, with a pending send row for each
 * subscriber confirmed now. Null when that issue exists already (made by another process, or an
 * earlier run) or there is nothing to send.
 */
export async function createIssue(
  db: DB,
  options: { editionId: number; issueDate: string; subject: string; content: DigestContent; now?: IsoTime },
): Promise<Issue | null> {
  if (isEmptyDigest(options.content)) return null;
  const now = options.now ?? nowIso();
  return inTransaction(db, async (trx) => {
    const inserted = await trx
      .insertInto('newsletter_issues')
      .values({
        edition_id: options.editionId,
        issue_date: options.issueDate,
        subject: options.subject,
        content: JSON.stringify(options.content),
        status: 'sending',
        recipients: 0,
        created_at: now,
      })
      .onConflict((oc) => oc.columns(['edition_id', 'issue_date']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return null;
    await sql`
      insert into newsletter_sends (issue_id, subscriber_id, status, attempts, next_attempt_at)
      select ${inserted.id}, s.id, 'pending', 0, ${now}
      from newsletter_subscribers s
      join newsletter_subscriber_editions se on se.subscriber_id = s.id
      where s.status = 'confirmed' and se.edition_id = ${options.editionId}`.execute(trx);
    const { n } = await trx
      .selectFrom('newsletter_sends')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('issue_id', '=', inserted.id)
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('newsletter_issues')
      .set({ recipients: Number(n) })
      .where('id', '=', inserted.id)
      .execute();
    return {
      id: inserted.id,
      editionId: options.editionId,
      issueDate: options.issueDate,
      subject: options.subject,
      status: 'sending',
      recipients: Number(n),
      createdAt: now,
      finishedAt: null,
    };
  });
}

export async function issueExists(db: DB, editionId: number, issueDate: string): Promise<boolean> {
  return Boolean(
    await db.selectFrom('newsletter_issues').select('id').where('edition_id', '=', editionId).where('issue_date', '=', issueDate).executeTakeFirst(),
  );
}

interface ClaimedSend {
  id: number;
  issueId: number;
  subscriberId: number;
  attempts: number;
  email: string;
  sectors: string[];
  /** Still confirmed and still taking this edition. */
  wanted: boolean;
}

/** Takes up to `limit` due rows and leases them. */
async function claimDueSends(db: DB, now: IsoTime, limit: number): Promise<ClaimedSend[]> {
  return inTransaction(db, async (trx) => {
    let q = trx
      .selectFrom('newsletter_sends as ns')
      .innerJoin('newsletter_issues as i', 'i.id', 'ns.issue_id')
      .innerJoin('newsletter_subscribers as s', 's.id', 'ns.subscriber_id')
      .select((eb) => [
        'ns.id',
        'ns.issue_id',
        'ns.subscriber_id',
        'ns.attempts',
        's.email',
        's.sectors',
        's.status as subscriber_status',
        eb
          .exists(
            eb
              .selectFrom('newsletter_subscriber_editions as se')
              .select('se.subscriber_id')
              .whereRef('se.subscriber_id', '=', 'ns.subscriber_id')
              .whereRef('se.edition_id', '=', 'i.edition_id'),
          )
          .as('has_edition'),
      ])
      .where('ns.status', '=', 'pending')
      .where('ns.next_attempt_at', '<=', now)
      .orderBy('ns.next_attempt_at')
      .orderBy('ns.id')
      .limit(limit);
    if (dialectOf(trx) === 'postgres') q = q.forUpdate('ns').skipLocked();
    const rows = await q.execute();
    if (rows.length === 0) return [];
    await trx
      .updateTable('newsletter_sends')
      .set({ next_attempt_at: new Date(Date.parse(now) + LEASE_MS).toISOString(), claimed_at: now })
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    return rows.map((r) => ({
      id: r.id,
      issueId: r.issue_id,
      subscriberId: r.subscriber_id,
      attempts: r.attempts,
      email: r.email,
      sectors: JSON.parse(r.sectors) as string[],
      wanted: r.subscriber_status === 'confirmed' && Boolean(r.has_edition),
    }));
  });
}

/** Gives back claimed rows that were not tried (the run is stopping): due again at once. */
async function releaseClaims(db: DB, ids: number[], now: IsoTime): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    await db
      .updateTable('newsletter_sends')
      .set({ next_attempt_at: now })
      .where('id', 'in', ids.slice(i, i + 500))
      .where('status', '=', 'pending')
      .execute();
  }
}

/** Marks issues with no pending row left as done. */
async function finishIssues(db: DB, now: IsoTime): Promise<void> {
  await db
    .updateTable('newsletter_issues')
    .set({ status: 'done', finished_at: now })
    .where('status', '=', 'sending')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('newsletter_sends as ns').select('ns.id').whereRef('ns.issue_id', '=', 'newsletter_issues.id').where('ns.status', '=', 'pending'),
        ),
      ),
    )
    .execute();
}

export interface SendOptions {
  mailer: Mailer;
  siteUrl: string;
  /** The address that takes `mailto:` unsubscriptions (the publisher's contact address, else the From). */
  unsubscribeMailbox: string;
  /** Messages per second at most. */
  ratePerSecond: number;
  /** Messages in flight at once. */
  concurrency?: number;
  /** Rows claimed per batch (default: about a minute of sending, within bounds). */
  batchSize?: number;
  /** Stops claiming and waits for the messages in flight; untried claims are given back. */
  signal?: AbortSignal;
  /** The clock for the send log (due times, leases, retries). */
  now?: () => IsoTime;
}

export interface SendSummary {
  sent: number;
  /** Temporary failures, to be retried. */
  retried: number;
  /** Given up: permanent refusals and rows out of attempts. */
  failed: number;
  bounced: number;
  /** Left before their turn (unsubscribed, bouncing, or dropped the edition). */
  skipped: number;
  /** Why the run ended before the log was empty, if it did. */
  stopped: null | 'signal' | 'server-unavailable';
}

/** The headers and links one reader's message carries. */
export function unsubscribeHeaders(siteUrl: string, mailbox: string, token: string): Record<string, string> {
  const address = /<([^>]+)>/.exec(mailbox)?.[1] ?? mailbox.trim();
  return {
    'List-Unsubscribe': `<${siteUrl}/newsletter/unsubscribe?t=${token}>, <mailto:${address}?subject=${encodeURIComponent(`unsubscribe ${token}`)}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}

const messageIdOf = (siteUrl: string, issueId: number, subscriberId: number) => `<newsletter.${issueId}.${subscriberId}@${new URL(siteUrl).hostname}>`;

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

type Failure = { kind: 'temporary' | 'sender' | 'bounce'; message: string };

function classify(error: unknown): Failure {
  const e = error as Error & { command?: string; response?: string; code?: string };
  const message = (e.response ?? e.message ?? String(error)).replace(/\s+/g, ' ').slice(0, 500);
  if (!isPermanentFailure(error)) return { kind: 'temporary', message };
  return { kind: e.command === 'RCPT TO' || e.command === 'DATA' ? 'bounce' : 'sender', message };
}

/**
 * Sends every due row of every issue being sent, until none is due, the signal says stop, or
 * the server looks unavailable. Safe to run in several processes at once.
 */
export async function sendDueNewsletters(db: DB, options: SendOptions): Promise<SendSummary> {
  const clock = options.now ?? nowIso;
  const rate = options.ratePerSecond;
  const concurrency = Math.max(1, options.concurrency ?? 3);
  const batchSize = options.batchSize ?? Math.min(500, Math.max(concurrency * 4, Math.ceil(rate * 60)));
  const secret = await newsletterSecret(db);
  const summary: SendSummary = { sent: 0, retried: 0, failed: 0, bounced: 0, skipped: 0, stopped: null };
  const contents = new Map<number, DigestContent>();
  const contentOf = async (issueId: number) => {
    let c = contents.get(issueId);
    if (!c) {
      const row = await db.selectFrom('newsletter_issues').select('content').where('id', '=', issueId).executeTakeFirstOrThrow();
      c = JSON.parse(row.content) as DigestContent;
      contents.set(issueId, c);
    }
    return c;
  };

  // Pacing: message n may start at start + n / rate, whichever worker sends it.
  let nextSlot = performance.now();
  const waitForSlot = async () => {
    const at = Math.max(nextSlot, performance.now());
    nextSlot = at + 1000 / rate;
    await sleep(at - performance.now(), options.signal);
  };

  let failuresInARow = 0;
  const halt = () => options.signal?.aborted || failuresInARow >= FAILURES_BEFORE_PAUSE || summary.stopped === 'server-unavailable';

  async function sendOne(row: ClaimedSend): Promise<void> {
    if (!row.wanted) {
      await db.updateTable('newsletter_sends').set({ status: 'skipped', next_attempt_at: null }).where('id', '=', row.id).execute();
      summary.skipped += 1;
      return;
    }
    const content = await contentOf(row.issueId);
    const token = signLink(secret, 'manage', row.subscriberId);
    const message = renderDigest(content, {
      sectors: row.sectors,
      preferencesUrl: `${options.siteUrl}/newsletter/preferences?t=${token}`,
      unsubscribeUrl: `${options.siteUrl}/newsletter/unsubscribe?t=${token}`,
    });
    const attempts = row.attempts + 1;
    try {
      await options.mailer.send({
        to: row.email,
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: {
          ...unsubscribeHeaders(options.siteUrl, options.unsubscribeMailbox, token),
          'Message-ID': messageIdOf(options.siteUrl, row.issueId, row.subscriberId),
          'List-Id': `${content.edition.name} digest <${content.edition.slug}.newsletter.${new URL(options.siteUrl).hostname}>`,
        },
      });
    } catch (error) {
      const failure = classify(error);
      const now = clock();
      if (failure.kind === 'bounce') {
        await db
          .updateTable('newsletter_sends')
          .set({ status: 'failed', attempts, last_error: failure.message, next_attempt_at: null })
          .where('id', '=', row.id)
          .execute();
        await markBouncing(db, row.subscriberId, failure.message, now);
        summary.failed += 1;
        summary.bounced += 1;
        return;
      }
      const giveUp = attempts >= MAX_ATTEMPTS;
      await db
        .updateTable('newsletter_sends')
        .set({
          status: giveUp ? 'failed' : 'pending',
          attempts,
          last_error: failure.message,
          next_attempt_at: giveUp ? null : new Date(Date.parse(now) + retryDelayMs(attempts)).toISOString(),
        })
        .where('id', '=', row.id)
        .execute();
      if (giveUp) summary.failed += 1;
      else summary.retried += 1;
      failuresInARow += 1;
      if (failure.kind === 'sender') summary.stopped = 'server-unavailable';
      return;
    }
    failuresInARow = 0;
    await db
      .updateTable('newsletter_sends')
      .set({ status: 'sent', attempts, sent_at: clock(), last_error: null, next_attempt_at: null })
      .where('id', '=', row.id)
      .execute();
    summary.sent += 1;
  }

  try {
    for (;;) {
      if (halt()) break;
      const batch = await claimDueSends(db, clock(), batchSize);
      if (batch.length === 0) break;
      const queue = [...batch];
      const untried = new Set(batch.map((r) => r.id));
      const worker = async () => {
        while (queue.length && !halt()) {
          const row = queue.shift()!;
          if (row.wanted) await waitForSlot();
          if (halt()) return;
          untried.delete(row.id);
          await sendOne(row);
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, batch.length) }, worker));
      if (untried.size) await releaseClaims(db, [...untried], clock());
    }
  } finally {
    await finishIssues(db, clock());
  }
  if (options.signal?.aborted) summary.stopped = 'signal';
  else if (failuresInARow >= FAILURES_BEFORE_PAUSE) summary.stopped = 'server-unavailable';
  return summary;
}

// ── Figures for the newsroom and the audience dashboard ─────────────────────

export interface IssueReport {
  issueId: number;
  edition: { id: number; slug: string; name: string };
  issueDate: string;
  subject: string;
  status: 'sending' | 'done';
  recipients: number;
  sent: number;
  failed: number;
  /** Still to send (including retries waiting). */
  pending: number;
  skipped: number;
  createdAt: IsoTime;
  finishedAt: IsoTime | null;
}

/** The latest issues, newest first, with how their sending went. */
export async function recentNewsletterSends(db: DB, options: { limit?: number; editionId?: number } = {}): Promise<IssueReport[]> {
  let q = db
    .selectFrom('newsletter_issues as i')
    .innerJoin('editions as e', 'e.id', 'i.edition_id')
    .select(['i.id', 'i.edition_id', 'e.slug', 'e.name', 'i.issue_date', 'i.subject', 'i.status', 'i.recipients', 'i.created_at', 'i.finished_at'])
    .orderBy('i.created_at', 'desc')
    .orderBy('i.id', 'desc')
    .limit(Math.min(Math.max(options.limit ?? 10, 1), 200));
  if (options.editionId !== undefined) q = q.where('i.edition_id', '=', options.editionId);
  const issues = await q.execute();
  if (issues.length === 0) return [];
  const counts = await db
    .selectFrom('newsletter_sends')
    .select(['issue_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where(
      'issue_id',
      'in',
      issues.map((i) => i.id),
    )
    .groupBy(['issue_id', 'status'])
    .execute();
  const countOf = (issueId: number, status: string) => Number(counts.find((c) => c.issue_id === issueId && c.status === status)?.n ?? 0);
  return issues.map((i) => ({
    issueId: i.id,
    edition: { id: i.edition_id, slug: i.slug, name: i.name },
    issueDate: i.issue_date,
    subject: i.subject,
    status: i.status as IssueReport['status'],
    recipients: i.recipients,
    sent: countOf(i.id, 'sent'),
    failed: countOf(i.id, 'failed'),
    pending: countOf(i.id, 'pending'),
    skipped: countOf(i.id, 'skipped'),
    createdAt: i.created_at,
    finishedAt: i.finished_at,
  }));
}
