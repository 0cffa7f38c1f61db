import { z } from 'zod';
import { decodeCursor, encodeCursor } from '../../content/cursor.js';
import type { Directory } from '../../content/directory.js';
import type { InboxFilter, InboxStory } from '../../wire/inbox.js';
import type { WireSource } from '../../wire/sources.js';
import { choice, text } from '../desk-input.js';
import type { InboxModel } from '../inbox-views.js';
import { deskUrls } from '../../presentation/desk-urls.js';
import { inboxStoryRow } from './inbox-story.js';
import { inboxStatuses as statuses } from './inbox-triage.js';

/** The inbox screen's model: its filters (read from the query), the groups it offers, and its stories. */

export const inboxQuery = z.object({
  status: choice(
    statuses.map((s) => s.value),
    'draft',
  ),
  source: text(),
  edition: text(),
  sector: text(),
  country: text(),
  before: text(),
});
export type InboxQuery = z.output<typeof inboxQuery>;

/** The filters the query asks for, each dropped when it names nothing this newsroom has. */
export function inboxFiltersOf(q: InboxQuery, dir: Directory, sources: WireSource[]) {
  return {
    status: q.status,
    source: sources.some((x) => x.name === q.source) ? q.source : '',
    edition: q.edition && dir.editionBySlug.has(q.edition) ? q.edition : '',
    sector: q.sector && dir.sectorBySlug.has(q.sector) ? q.sector : '',
    country: /^[A-Za-z]{2}$/.test(q.country) ? q.country.toUpperCase() : '',
  };
}
export type InboxFilters = ReturnType<typeof inboxFiltersOf>;

export function inboxListFilter(filters: InboxFilters, q: InboxQuery): InboxFilter {
  const cursor = decodeCursor(q.before);
  return {
    status: filters.status,
    source: filters.source || undefined,
    edition: filters.edition || undefined,
    sector: filters.sector || undefined,
    country: filters.country || undefined,
    before: cursor ? { at: cursor.at, id: cursor.id } : undefined,
  };
}

export function inboxModel(
  found: { stories: InboxStory[]; next: { at: string; id: number } | null },
  context: { dir: Directory; sources: WireSource[]; filters: InboxFilters; errors: string[]; csrfToken: string; canTriage: boolean; canRewrite: boolean },
): InboxModel {
  const { dir, filters } = context;
  const now = new Date().toISOString();
  return {
    stories: found.stories.map((x) => inboxStoryRow(x, dir, now)),
    errors: context.errors,
    filters,
    options: {
      statuses: [...statuses],
      sources: context.sources.map((x) => ({ value: x.name, label: x.name })),
      editions: [...dir.editionBySlug.values()].map((e) => ({ value: e.slug, label: e.name })),
      sectors: [...dir.sectorBySlug.values()].map((e) => ({ value: e.slug, label: e.name })),
    },
    olderHref: found.next ? deskUrls.inbox({ ...filters, before: encodeCursor({ at: found.next.at, id: found.next.id }) }) : null,
    csrfToken: context.csrfToken,
    canTriage: context.canTriage,
    canRewrite: context.canRewrite,
  };
}
