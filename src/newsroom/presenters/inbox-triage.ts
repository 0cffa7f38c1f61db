import { z } from 'zod';
import { decodeCursor, encodeCursor, type Cursor } from '../../content/cursor.js';
import type { Directory } from '../../content/directory.js';
import { bylineTime } from '../../presentation/format.js';
import { articlePath } from '../../presentation/urls.js';
import { COUNT_CAP, type InboxBucket, type InboxFilter, type InboxStory } from '../../wire/inbox.js';
import type { BulkAction, BulkOutcome } from '../../wire/triage.js';
import { MAX_BULK } from '../../wire/triage.js';
import { deskUrls } from '../../presentation/desk-urls.js';
import { inboxStoryRow } from './inbox-story.js';
import type { TriageLine } from '../inbox-triage-views.js';

/** The compact inbox's address: its filters as GET parameters, each checked on its own. */

export const inboxStatuses = [
  { value: 'draft', label: 'Waiting for the desk' },
  { value: 'scheduled', label: 'Scheduled' },
  { value: 'published', label: 'Published' },
  { value: 'off', label: 'Held, taken down or killed' },
  { value: 'all', label: 'All' },
] as const;
export type InboxStatus = (typeof inboxStatuses)[number]['value'];

const rowId = z.coerce
  .number()
  .int()
  .min(1)
  .max(2 ** 31 - 1);
const idList = z
  .string()
  .max(MAX_BULK * 11)
  .transform((text, ctx) => {
    const ids = text.split(',').filter(Boolean).map(Number);
    if (ids.length > MAX_BULK || !ids.every((n) => Number.isSafeInteger(n) && n > 0 && n < 2 ** 31)) {
      ctx.addIssue({ code: 'custom', message: 'The story numbers are not a list of stories.' });
      return z.NEVER;
    }
    return ids;
  });

/** Each parameter: its schema and what the editor is told when it does not fit. */
const fields = {
  status: [z.enum(inboxStatuses.map((s) => s.value) as [InboxStatus, ...InboxStatus[]]), 'Choose a story status from the list.'],
  q: [z.string().trim().max(200), 'Search for at most 200 characters.'],
  agency: [z.string().trim().min(1).max(100), 'Choose an agency from the list.'],
  urgency: [z.coerce.number().int().min(1).max(9), 'Urgency is a number from 1 (most urgent) to 9.'],
  embargo: [z.enum(['embargoed', 'free']), 'Choose “under embargo” or “free to publish”.'],
  assignee: [z.union([z.literal('me'), rowId]), 'Choose a person from the list.'],
  source: [z.string().max(200), 'Choose a source from the list.'],
  edition: [z.string().max(100), 'Choose an edition from the list.'],
  sector: [z.string().max(100), 'Choose a sector from the list.'],
  country: [
    z
      .string()
      .regex(/^[A-Za-z]{2}$/)
      .transform((c) => c.toUpperCase()),
    'A country is its two-letter ISO code, such as IN or KE.',
  ],
  before: [
    z
      .string()
      .max(100)
      .transform((t, ctx) => decodeCursor(t) ?? (ctx.addIssue({ code: 'custom', message: 'bad cursor' }), z.NEVER)),
    'That page of the inbox does not exist; showing the newest.',
  ],
  since: [rowId, 'The “new since” mark is not one this page made.'],
  done: [z.enum(['publish', 'discard', 'assign']), ''],
  ids: [idList, ''],
} as const;

type Fields = typeof fields;
export type InboxQuery = { [K in keyof Fields]?: z.output<Fields[K][0]> };

/** The filters kept in links and forms (not the page, the mark or the notice). */
export const filterKeys = ['status', 'q', 'agency', 'urgency', 'embargo', 'assignee', 'source', 'edition', 'sector', 'country'] as const;

/** Reads the query: good parameters are used, a bad one is dropped with a message saying why. */
export function readInboxQuery(raw: Record<string, unknown>): { query: InboxQuery; problems: string[] } {
  const query: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, [schema, message]] of Object.entries(fields)) {
    const given = raw[key];
    const value = Array.isArray(given) ? given[0] : given;
    if (value === undefined || value === '') continue;
    const parsed = (schema as z.ZodType).safeParse(value);
    if (parsed.success) query[key] = parsed.data;
    else if (message) problems.push(message);
  }
  return { query: query as InboxQuery, problems };
}

/** The query string of the filters (and, when given, a page position). */
export function filterQuery(query: InboxQuery, extra: { before?: Cursor; since?: number } = {}): string {
  const params = new URLSearchParams();
  for (const key of filterKeys) {
    const value = query[key];
    if (value !== undefined && value !== '' && !(key === 'status' && value === 'draft')) params.set(key, String(value));
  }
  if (extra.before) params.set('before', encodeCursor(extra.before));
  if (extra.since !== undefined) params.set('since', String(extra.since));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The domain's filter for a query, as the signed-in person sees it. */
export function inboxFilterOf(query: InboxQuery, userId: number, now: string): InboxFilter {
  return {
    status: query.status ?? 'draft',
    text: query.q || undefined,
    agency: query.agency,
    urgency: query.urgency,
    embargo: query.embargo,
    assignee: query.assignee === 'me' ? userId : query.assignee,
    source: query.source || undefined,
    edition: query.edition || undefined,
    sector: query.sector || undefined,
    country: query.country,
    before: query.before ?? undefined,
    now,
  };
}

/** Counts per status, in the order the tabs show them ("1,000+" past the cap). */
export function statusCounts(counts: Map<InboxBucket, number>): { value: InboxStatus; label: string; count: string }[] {
  const shown = (n: number) => (n > COUNT_CAP ? `${COUNT_CAP.toLocaleString('en')}+` : String(n));
  const of = (bucket: InboxBucket) => counts.get(bucket) ?? 0;
  const all = [...counts.values()].reduce((n, c) => n + c, 0);
  return inboxStatuses.map((s) => ({
    value: s.value,
    label: s.label,
    count:
      s.value === 'all'
        ? all > COUNT_CAP || [...counts.values()].some((c) => c > COUNT_CAP)
          ? shown(COUNT_CAP + 1)
          : String(all)
        : s.value === 'draft'
          ? shown(of('draft'))
          : shown(of(s.value)),
  }));
}

/** One line of the compact inbox, with its expanded detail. */
export function triageLine(s: InboxStory, dir: Directory, now: string, assignee: string | null, since: number | undefined): TriageLine {
  const row = inboxStoryRow(s, dir, now);
  const primary = s.items.find((i) => i.role === 'primary') ?? s.items[0];
  const agencies = [...new Set(s.items.map((i) => i.agency))];
  const urgencies = s.items.map((i) => i.urgency).filter((u): u is number => u !== null);
  return {
    ...row,
    agency: primary?.agency ?? '',
    otherAgencies: agencies.filter((a) => a !== primary?.agency),
    urgency: urgencies.length ? Math.min(...urgencies) : null,
    received: bylineTime(s.latestAt, dir.defaultEdition),
    receivedIso: s.latestAt,
    duplicates: s.items.filter((i) => i.role === 'duplicate').length,
    assignee,
    fresh: since !== undefined && s.items.some((i) => i.id > since),
  };
}

const doneWords: Record<BulkAction, string> = { publish: 'Published', discard: 'Discarded', assign: 'Assigned' };

/** The notice after an action, from the stories named in the address (looked up, never echoed). */
export function doneNotice(
  action: BulkAction,
  ids: readonly number[],
  found: Map<number, { headline: string; status: string; href: string | null; editHref: string }>,
) {
  const stories = ids.map((id) => found.get(id)).filter((s) => s !== undefined);
  const count = ids.length === 1 ? '1 story' : `${ids.length} stories`;
  const title = stories.length === 1 && stories[0] ? `${doneWords[action]}: ${stories[0].headline}` : `${doneWords[action]} ${count}.`;
  const links = stories.flatMap((s) =>
    action === 'publish' && s.href
      ? [{ href: s.href, label: `View “${s.headline}” on the site` }]
      : action === 'assign'
        ? [{ href: s.editHref, label: `Open “${s.headline}”` }]
        : [],
  );
  return { title, links: links.slice(0, 5), note: action === 'discard' ? 'Its agency copy stays on record as discarded, so it does not come back.' : '' };
}

/** The result page's lines: what was done, with a link, and what was refused, with why. */
export function outcomeLines(action: BulkAction, outcomes: readonly BulkOutcome[]) {
  return outcomes.map((o) => ({
    done: o.done,
    headline: o.headline ?? `Story ${o.articleId}`,
    reason: o.reason,
    href:
      o.done && o.article ? (action === 'publish' && o.article.status === 'published' ? articlePath(o.article) : deskUrls.article({ id: o.article.id })) : null,
  }));
}
