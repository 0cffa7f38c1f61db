import { mayRun } from '../../content/lifecycle.js';
import type { Directory } from '../../content/directory.js';
import { bylineTime } from '../../presentation/format.js';
import { articlePath } from '../../presentation/urls.js';
import type { InboxStory } from '../../wire/inbox.js';
import type { InboxStoryRow } from '../inbox-views.js';
import { deskUrls } from '../../presentation/desk-urls.js';

/** The inbox's view model of one story: what the desk needs to decide, and what it may do. */

/** What happened to the story's text, in the desk's words. */
function textNote(s: InboxStory['story']): string {
  const ai = s.aiInvolvement === 'none' ? '' : `AI ${s.aiInvolvement}`;
  const edited = s.humanEdited ? 'edited by the desk' : 'agency copy, not edited';
  const reviewed = s.humanReviewed ? 'reviewed' : 'not reviewed';
  return [ai, edited, reviewed].filter(Boolean).join(', ');
}

const isLatestVersion = (item: InboxStory['items'][number], items: InboxStory['items']) =>
  !items.some((o) => o.agency === item.agency && o.itemId === item.itemId && o.version > item.version);

export function inboxStoryRow(s: InboxStory, dir: Directory, now: string): InboxStoryRow {
  const when = (iso: string) => bylineTime(iso, dir.defaultEdition);
  const story = s.story;
  const embargo = story.embargoUntil && story.embargoUntil > now ? story.embargoUntil : null;
  const open = story.status !== 'killed';
  return {
    id: story.id,
    headline: story.headline,
    status: story.status,
    statusReason: story.statusReason,
    editHref: deskUrls.article({ id: story.id }),
    publicHref: story.status === 'published' ? articlePath(story) : null,
    countries: story.countries.map((code) => dir.countryByCode.get(code)?.name ?? code),
    sectors: story.sectors.map((slug) => dir.sectorBySlug.get(slug)?.name ?? slug),
    standfirst: story.standfirst,
    shotText: s.shotText,
    heldReason: s.heldReason,
    embargo: embargo ? when(embargo) : null,
    hold: story.agencyHold,
    pendingUpdate: s.items.some((i) => i.textState === 'pending'),
    latest: when(s.latestAt),
    textNote: textNote(story),
    items: s.items.map((i) => ({
      agency: i.agency,
      itemId: i.itemId,
      version: i.version,
      when: when(i.receivedAt),
      status: i.status,
      duplicate: i.role === 'duplicate',
      mergeReason: i.mergeReason,
      source: i.source,
      embargo: i.embargo ? when(i.embargo) : null,
      ednote: i.ednote,
      diffHref: i.previousId ? deskUrls.inboxItemDiff({ id: i.id }, { from: i.previousId }) : null,
      splitId: i.role === 'duplicate' && i.status !== 'canceled' && isLatestVersion(i, s.items) ? i.id : null,
    })),
    may: {
      publish: open && mayRun('publish', story.status) && story.status !== 'held' && !embargo && !story.agencyHold,
      scheduleAtEmbargo: open && Boolean(embargo) && mayRun('schedule', story.status) && !story.agencyHold,
      shot: open && Boolean(s.shotText) && !embargo && !story.agencyHold,
      discard: !story.publishedAt && ['draft', 'review', 'killed'].includes(story.status),
      regenerate: open,
      merge: !story.publishedAt && ['draft', 'review'].includes(story.status),
    },
  };
}
