import { Csrf, ErrorList, FilterSelect, type Option } from './desk-views.js';
import { deskUrls, type InboxAction } from '../presentation/desk-urls.js';

/** The wire desk's inbox: stories made from agency copy, with their items and the actions. */

export interface InboxItemRow {
  agency: string;
  itemId: string;
  version: number;
  when: string;
  status: string;
  duplicate: boolean;
  /** A merged report: why it was taken for the same event (score, shared names and figures). */
  mergeReason?: string | null;
  source: string;
  embargo: string | null;
  /** The agency's note to editors. */
  ednote: string;
  diffHref: string | null;
  /** A merged report the desk may split off into a story of its own: the row id the form sends. */
  splitId: number | null;
}

export interface InboxStoryRow {
  id: number;
  headline: string;
  status: string;
  statusReason: string;
  editHref: string;
  publicHref: string | null;
  countries: string[];
  sectors: string[];
  /** What the story will say under its headline. */
  standfirst: string;
  shotText: string;
  heldReason: string | null;
  /** A running embargo, in the desk's time. */
  embargo: string | null;
  /** The agency's legal hold, in its words. */
  hold: string | null;
  /** A newer agency version waits beside the desk's edited text. */
  pendingUpdate: boolean;
  latest: string;
  /** AI involvement, edits and review, in words. */
  textNote: string;
  items: InboxItemRow[];
  /** What the lifecycle allows now. */
  may: { publish: boolean; scheduleAtEmbargo: boolean; shot: boolean; discard: boolean; regenerate: boolean; merge: boolean };
}

export interface InboxModel {
  stories: InboxStoryRow[];
  /** Why the last action was refused. */
  errors: string[];
  filters: Record<string, string>;
  options: Record<'sources' | 'editions' | 'sectors' | 'statuses', Option[]>;
  olderHref: string | null;
  csrfToken: string;
  /** The person may publish and discard. */
  canTriage: boolean;
  /** A language model is configured and the person may use it. */
  canRewrite: boolean;
}

export function InboxPage({ model }: { model: InboxModel }) {
  const { filters, options } = model;
  const select = (name: string, label: string, opts: Option[], any = true) => (
    <FilterSelect name={name} label={label} options={opts} value={filters[name]} any={any} />
  );
  return (
    <div>
      <h1>Wire inbox</h1>
      <ErrorList errors={model.errors} />
      <p>Agency copy grouped by story, newest first. Reports of the same event from several agencies join one story.</p>
      <form method="get" action={deskUrls.inbox()} class="filters">
        {select('status', 'Story', options.statuses, false)}
        {select('source', 'Source', options.sources)}
        {select('edition', 'Edition', options.editions)}
        {select('sector', 'Sector', options.sectors)}
        <label for="f-country">Country code</label>
        <input id="f-country" name="country" value={filters.country ?? ''} maxlength="2" size="3" />
        <button type="submit">Filter</button>
      </form>
      {model.stories.length === 0 ? <p class="empty">Nothing here: no agency stories match.</p> : ''}
      {model.stories.map((story) => (
        <InboxStory story={story} csrfToken={model.csrfToken} canTriage={model.canTriage} canRewrite={model.canRewrite} />
      ))}
      <nav class="pager" aria-label="Pages">
        <span />
        {model.olderHref ? <a href={model.olderHref}>Older →</a> : <span />}
      </nav>
    </div>
  );
}

/**
 * One story with its copy and actions. Publish and Discard go through the bulk form, which asks
 * first and says what was done, then returns to the list with its filters (`confirmBack`).
 */
export function InboxStory({
  story,
  csrfToken,
  canTriage,
  canRewrite,
  confirmBack,
}: {
  story: InboxStoryRow;
  csrfToken: string;
  canTriage: boolean;
  canRewrite: boolean;
  confirmBack?: string;
}) {
  const confirmed = (name: 'publish' | 'discard', label: string) => (
    <form method="post" action={deskUrls.inboxBulk()} class="inline" data-confirm="">
      <Csrf token={csrfToken} />
      <input type="hidden" name="ids" value={String(story.id)} />
      <input type="hidden" name="back" value={confirmBack ?? ''} />
      <button type="submit" name="action" value={name} data-key={name === 'publish' ? 'p' : 'd'} safe>
        {label}
      </button>
    </form>
  );
  const action = (path: InboxAction, label: string) => (
    <form method="post" action={deskUrls.inboxAction(path)({ id: story.id })} class="inline">
      <Csrf token={csrfToken} />
      <button type="submit" safe>
        {label}
      </button>
    </form>
  );
  return (
    <section class="inbox-story" aria-labelledby={`story-${story.id}`}>
      <h2 id={`story-${story.id}`}>
        <a href={story.editHref} safe>
          {story.headline}
        </a>
      </h2>
      <p class="meta" safe>
        {`${story.status} · latest copy ${story.latest} · ${story.textNote}`}
      </p>
      {story.status === 'killed' || story.status === 'held' || story.status === 'unpublished' ? (
        <p class="notice alert" safe>
          {`${story.status === 'killed' ? 'Killed' : story.status === 'held' ? 'Off the site, held' : 'Taken down'}${story.statusReason ? `: ${story.statusReason}` : ''}`}
        </p>
      ) : (
        ''
      )}
      {story.hold && story.status !== 'killed' ? (
        <p class="notice alert" safe>
          {`Withheld by the agency: ${story.hold}`}
        </p>
      ) : (
        ''
      )}
      {story.embargo ? (
        <p class="notice alert" safe>
          {`Embargoed until ${story.embargo}: it cannot be published before then.`}
        </p>
      ) : (
        ''
      )}
      {story.heldReason && !story.embargo && !story.hold ? (
        <p class="notice" safe>
          {`Held for the desk: ${story.heldReason}.`}
        </p>
      ) : (
        ''
      )}
      {story.pendingUpdate ? (
        <p class="notice">
          The agency sent a newer version; the desk’s edited text stays. <a href={story.editHref}>Compare and apply it in the editor</a>.
        </p>
      ) : (
        ''
      )}
      <dl class="inbox-facts">
        <dt>Countries</dt>
        <dd safe>{story.countries.join(', ') || 'none found'}</dd>
        <dt>Sectors</dt>
        <dd safe>{story.sectors.join(', ') || 'none found'}</dd>
        <dt>Standfirst</dt>
        <dd safe>{story.standfirst || 'none'}</dd>
        <dt>Shot text</dt>
        <dd safe>{story.shotText || 'none'}</dd>
      </dl>
      <table class="desk-table">
        <caption safe>{`Agency copy for this story (${story.items.length})`}</caption>
        <thead>
          <tr>
            <th scope="col">Agency</th>
            <th scope="col">Item</th>
            <th scope="col">Version</th>
            <th scope="col">Received</th>
            <th scope="col">Status</th>
            <th scope="col">Note to editors</th>
            <th scope="col">Changes</th>
          </tr>
        </thead>
        <tbody>
          {story.items.map((item) => (
            <tr>
              <td data-label="Agency" safe>
                {item.agency}
              </td>
              <td data-label="Item">
                <span safe>{`${item.itemId}${item.duplicate ? ' (same event, merged)' : ''}`}</span>
                {item.mergeReason ? (
                  <span class="hint merge-reason" safe>
                    {`Why: ${item.mergeReason}`}
                  </span>
                ) : (
                  ''
                )}
              </td>
              <td data-label="Version" safe>
                {String(item.version)}
              </td>
              <td data-label="Received" safe>
                {item.when}
              </td>
              <td data-label="Status" safe>{`${item.status}${item.embargo ? `, embargo until ${item.embargo}` : ''}`}</td>
              <td data-label="Note to editors" safe>
                {item.ednote || '—'}
              </td>
              <td data-label="Changes">
                {item.diffHref ? <a href={item.diffHref} safe>{`Compare with version ${item.version - 1}`}</a> : '—'}
                {canTriage && item.splitId ? (
                  <form method="post" action={deskUrls.inboxAction('split')({ id: story.id })} class="inline">
                    <Csrf token={csrfToken} />
                    <input type="hidden" name="item" value={String(item.splitId)} />
                    <button type="submit">Split off: not the same event</button>
                  </form>
                ) : (
                  ''
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="actions">
        <a href={story.editHref}>{story.status === 'draft' ? 'Open as draft' : 'Open in the editor'}</a>
        {story.publicHref ? <a href={story.publicHref}>View on the site</a> : ''}
        {canTriage && story.may.publish ? confirmed('publish', 'Publish now') : ''}
        {canTriage && story.may.scheduleAtEmbargo ? action('schedule-embargo', 'Schedule for when the embargo lifts') : ''}
        {canTriage && story.may.shot ? action('shot', 'Publish as a Shot') : ''}
        {canTriage && story.may.regenerate ? action('regenerate-summary', 'Regenerate summary') : ''}
        {canRewrite && story.may.discard ? action('rewrite', 'Rewrite with the language model') : ''}
        {canTriage && story.may.merge ? <a href={deskUrls.inboxAction('merge')({ id: story.id })}>Merge with…</a> : ''}
        {canTriage && story.may.discard ? confirmed('discard', 'Discard') : ''}
      </div>
    </section>
  );
}

/** Why the model's rewrite was not used; the story keeps the agency's text. */
export function RewriteRefused({ articleId, reasons }: { articleId: number; reasons: string[] }) {
  return (
    <div>
      <h1>The rewrite was refused</h1>
      <p>The story keeps the agency's text. The model's version was checked against the agency copy and failed:</p>
      <ul>
        {reasons.map((r) => (
          <li safe>{r}</li>
        ))}
      </ul>
      <p>
        <a href={deskUrls.article({ id: articleId })}>Open the story</a> · <a href={deskUrls.inbox()}>Back to the inbox</a>
      </p>
    </div>
  );
}
