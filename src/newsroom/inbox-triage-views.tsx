import { InboxStory, type InboxStoryRow } from './inbox-views.js';
import { deskUrls } from '../presentation/desk-urls.js';
import { Csrf, ErrorList, FilterSelect, type Option } from './desk-views.js';

/** The compact inbox: one line per story, opened in place, chosen in one form for bulk actions. */

export interface TriageLine extends InboxStoryRow {
  agency: string;
  otherAgencies: string[];
  /** The most urgent of its items (IPTC: 1 is the most urgent). */
  urgency: number | null;
  received: string;
  receivedIso: string;
  duplicates: number;
  assignee: string | null;
  /** It has copy that came in after the page's "new since" mark. */
  fresh: boolean;
}

export interface TriageNotice {
  title: string;
  links: { href: string; label: string }[];
  note: string;
}

export interface TriageModel {
  lines: TriageLine[];
  counts: { label: string; count: string; href: string; current: boolean }[];
  problems: string[];
  notice: TriageNotice | null;
  values: Record<string, string>;
  options: Record<'statuses' | 'agencies' | 'urgencies' | 'embargo' | 'assignees' | 'sources' | 'editions' | 'sectors', Option[]>;
  olderHref: string | null;
  newestHref: string | null;
  /** The inbox's filters as a query string, for coming back after an action. */
  back: string;
  csrfToken: string;
  canTriage: boolean;
  /** A language model is configured and the person may use it. */
  canRewrite: boolean;
  /** New copy since the newest item this page knows (`since`). */
  arrivals: { since: number; eventsHref: string; checkHref: string; count: number | null };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function TriageInboxPage({ model }: { model: TriageModel }) {
  const { values, options } = model;
  const select = (name: string, label: string, opts: Option[], any = true) => (
    <FilterSelect name={name} label={label} options={opts} value={values[name]} any={any} />
  );
  return (
    <div class="triage">
      <h1>Wire inbox</h1>
      {model.notice ? <Notice notice={model.notice} /> : ''}
      <ErrorList errors={model.problems} />
      <nav aria-label="Stories by status">
        <ul class="status-counts">
          {model.counts.map((c) => (
            <li>
              <a href={c.href} aria-current={c.current ? 'page' : undefined} safe>
                {`${c.label}: ${c.count}`}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <p id="arrivals" class="arrivals" data-events={model.arrivals.eventsHref} data-show={model.arrivals.checkHref} aria-live="polite">
        <a href={model.arrivals.checkHref}>
          {model.arrivals.count ? `${plural(model.arrivals.count, 'story', 'stories')} with new copy — show` : 'Check for new copy'}
        </a>
      </p>
      <form method="get" action={deskUrls.inbox()} class="filters" role="search">
        <label for="f-q">Search headline and text</label>
        <input id="f-q" name="q" type="search" value={values.q ?? ''} maxlength="200" />
        {select('status', 'Status', options.statuses, false)}
        {select('agency', 'Agency', options.agencies)}
        {select('urgency', 'Urgency', options.urgencies)}
        {select('embargo', 'Embargo', options.embargo)}
        {select('assignee', 'Assigned to', options.assignees)}
        {select('source', 'Source', options.sources)}
        {select('edition', 'Edition', options.editions)}
        {select('sector', 'Sector', options.sectors)}
        <label for="f-country">Country code</label>
        <input id="f-country" name="country" value={values.country ?? ''} maxlength="2" size="3" />
        <button type="submit">Search</button>
      </form>
      {model.canTriage ? (
        <form id="bulk" method="post" action={deskUrls.inboxBulk()} class="bulk-bar" data-confirm="">
          <Csrf token={model.csrfToken} />
          <input type="hidden" name="back" value={model.back} />
          <span class="hint">With the chosen stories:</span>
          <button type="submit" name="action" value="publish">
            Publish
          </button>
          <button type="submit" name="action" value="discard">
            Discard
          </button>
          <label for="bulk-assignee">Assign to</label>
          <select id="bulk-assignee" name="assignee">
            <option value="">Nobody</option>
            {model.options.assignees
              .filter((o) => o.value !== 'me')
              .map((o) => (
                <option value={o.value} safe>
                  {o.label}
                </option>
              ))}
          </select>
          <button type="submit" name="action" value="assign">
            Assign
          </button>
        </form>
      ) : (
        ''
      )}
      <p class="hint">Keys: j and k move, o opens, p publishes, d discards, / searches, ? shows them all.</p>
      {model.lines.length === 0 ? <p class="empty">Nothing here: no agency stories match.</p> : ''}
      <ol class="triage-list" id="triage-list" aria-label="Stories">
        {model.lines.map((line) => (
          <Line line={line} csrfToken={model.csrfToken} canTriage={model.canTriage} canRewrite={model.canRewrite} back={model.back} />
        ))}
      </ol>
      <nav class="pager" aria-label="Pages">
        {model.newestHref ? <a href={model.newestHref}>← Newest</a> : <span />}
        {model.olderHref ? <a href={model.olderHref}>Older →</a> : <span />}
      </nav>
      <ShortcutHelp />
    </div>
  );
}

function Notice({ notice }: { notice: TriageNotice }) {
  return (
    <div class="notice" role="status">
      <p safe>{notice.title}</p>
      {notice.note ? <p safe>{notice.note}</p> : ''}
      {notice.links.length ? (
        <ul>
          {notice.links.map((l) => (
            <li>
              <a href={l.href} safe>
                {l.label}
              </a>
            </li>
          ))}
        </ul>
      ) : (
        ''
      )}
    </div>
  );
}

function lineMeta(line: TriageLine): string {
  return [
    line.otherAgencies.length ? `${line.agency} +${line.otherAgencies.length}` : line.agency,
    line.urgency === null ? '' : `urgency ${line.urgency}`,
    line.received,
    line.status,
    line.embargo ? `embargo until ${line.embargo}` : '',
    line.hold ? 'withheld' : '',
    line.duplicates ? plural(line.duplicates, 'duplicate', 'duplicates') : '',
    line.assignee ? `assigned to ${line.assignee}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

function Line({
  line,
  csrfToken,
  canTriage,
  canRewrite,
  back,
}: {
  line: TriageLine;
  csrfToken: string;
  canTriage: boolean;
  canRewrite: boolean;
  back: string;
}) {
  return (
    <li
      class={`triage-row${line.embargo || line.hold ? ' is-blocked' : ''}${line.fresh ? ' is-fresh' : ''}`}
      id={`story-${line.id}`}
      data-story={String(line.id)}
      data-edit={line.editHref}
    >
      {canTriage ? <input type="checkbox" form="bulk" name="ids" value={String(line.id)} class="pick" aria-label={`Choose: ${line.headline}`} /> : ''}
      <details>
        <summary>
          <span class="t-headline" safe>
            {line.headline}
          </span>
          {line.fresh ? <span class="badge">New</span> : ''}
          {line.embargo ? <span class="badge alert">Embargo</span> : ''}
          {line.hold ? <span class="badge alert">Withheld</span> : ''}
          <span class="t-meta" safe>
            {lineMeta(line)}
          </span>
        </summary>
        <div class="t-detail">
          <InboxStory story={line} csrfToken={csrfToken} canTriage={canTriage} canRewrite={canRewrite} confirmBack={back} />
        </div>
      </details>
    </li>
  );
}

function ShortcutHelp() {
  const keys = [
    ['j / k', 'next / previous story'],
    ['o', 'open the story in the editor'],
    ['x', 'choose the story (or unchoose it)'],
    ['Enter', 'show or hide its detail'],
    ['p', 'publish the story (asks first)'],
    ['d', 'discard the story (asks first)'],
    ['/', 'search'],
    ['?', 'this help'],
  ];
  return (
    <dialog id="triage-help" aria-labelledby="triage-help-title">
      <h2 id="triage-help-title">Keyboard shortcuts</h2>
      <dl class="shortcuts">
        {keys.map(([key, what]) => (
          <>
            <dt>
              <kbd safe>{key}</kbd>
            </dt>
            <dd safe>{what}</dd>
          </>
        ))}
      </dl>
      <form method="dialog">
        <button type="submit">Close</button>
      </form>
    </dialog>
  );
}

const verbs = { publish: 'Publish', discard: 'Discard' } as const;

/** The step before a publish or a discard goes ahead (without JavaScript; with it, a dialog). */
export function ConfirmPage({
  action,
  stories,
  csrfToken,
  back,
}: {
  action: 'publish' | 'discard';
  stories: { id: number; headline: string }[];
  csrfToken: string;
  back: string;
}) {
  const what = plural(stories.length, 'story', 'stories');
  return (
    <div class="narrow">
      <h1 safe>{`${verbs[action]} ${what}?`}</h1>
      <p>
        {action === 'publish'
          ? 'They go out on the site now, unless a guard refuses one (an embargo, a hold).'
          : 'Their drafts go; their agency copy stays on record as discarded.'}
      </p>
      <ul>
        {stories.map((s) => (
          <li safe>{s.headline}</li>
        ))}
      </ul>
      <form method="post" action={deskUrls.inboxBulk()}>
        <Csrf token={csrfToken} />
        <input type="hidden" name="action" value={action} />
        <input type="hidden" name="confirmed" value="yes" />
        <input type="hidden" name="back" value={back} />
        {stories.map((s) => (
          <input type="hidden" name="ids" value={String(s.id)} />
        ))}
        <button type="submit" safe>
          {`Yes, ${action} ${what}`}
        </button>{' '}
        <a href={`${deskUrls.inbox()}${back}`}>No, back to the inbox</a>
      </form>
    </div>
  );
}

/** What a bulk action did, story by story: done (with a link) or refused (with why). */
export function BulkResultPage({
  title,
  lines,
  back,
}: {
  title: string;
  lines: { done: boolean; headline: string; reason: string | null; href: string | null }[];
  back: string;
}) {
  const done = lines.filter((l) => l.done);
  const refused = lines.filter((l) => !l.done);
  return (
    <div>
      <h1 safe>{title}</h1>
      <p class="notice" role="status" safe>
        {`${done.length} done, ${refused.length} refused.`}
      </p>
      {done.length ? (
        <>
          <h2>Done</h2>
          <ul class="bulk-done">
            {done.map((l) => (
              <li>
                {l.href ? (
                  <a href={l.href} safe>
                    {l.headline}
                  </a>
                ) : (
                  <span safe>{l.headline}</span>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
      {refused.length ? (
        <>
          <h2>Refused</h2>
          <ul class="bulk-refused">
            {refused.map((l) => (
              <li>
                <strong safe>{l.headline}</strong>: <span safe>{l.reason ?? ''}</span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
      <p>
        <a href={`${deskUrls.inbox()}${back}`}>Back to the inbox</a>
      </p>
    </div>
  );
}
