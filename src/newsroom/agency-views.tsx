import { Csrf } from './desk-views.js';
import { deskUrls, type ArticleStep } from '../presentation/desk-urls.js';

/*
 * What the editor shows about a story's agency copy and its state: the embargo (and the way to
 * schedule for its end), the agency's hold with its note (and an editor's override with a
 * reason), a kill, the agency's notes to editors, a newer agency version waiting beside the
 * desk's edited text (apply it whole or field by field, or keep ours), and the line readers will
 * see under the story.
 */

export interface AgencyPanelModel {
  articleId: number;
  csrfToken: string;
  status: string;
  statusReason: string;
  /** A running embargo: when it lifts, in the edition's time and in UTC. */
  embargo: { local: string; utc: string } | null;
  /** The agency's legal hold, in its words. */
  hold: string | null;
  /** The agency items of the story with their notes to editors. */
  notes: { agency: string; itemId: string; version: number; note: string }[];
  pending: {
    agency: string;
    version: number;
    received: string;
    fields: { field: string; label: string; ours: string; diffHtml: string; differs: boolean }[];
  } | null;
  /** The person may publish, schedule, override and apply. */
  canPublish: boolean;
  /** The story was made from agency copy: its summary can be made again from the body. */
  canRegenerate: boolean;
  disclosure: { credit: string | null; note: string | null };
}

const post = (path: string, label: string, csrfToken: string, hidden: Record<string, string | string[]> = {}) => (
  <form method="post" action={path} class="inline">
    <Csrf token={csrfToken} />
    {Object.entries(hidden).flatMap(([name, value]) => [value].flat().map((v) => <input type="hidden" name={name} value={v} />))}
    <button type="submit" safe>
      {label}
    </button>
  </form>
);

export function AgencyPanel({ model }: { model: AgencyPanelModel }) {
  const step = (name: ArticleStep) => deskUrls.articleStep(name)({ id: model.articleId });
  const t = model.csrfToken;
  return (
    <section aria-labelledby="agency-h" class="agency-panel">
      <h2 id="agency-h">Agency copy and publication</h2>
      {model.status === 'killed' ? (
        <p class="notice alert" role="alert" safe>
          {`Killed by the agency: ${model.statusReason || 'the copy was canceled'}. This story is off the site for good and cannot be published or changed.`}
        </p>
      ) : (
        ''
      )}
      {model.status === 'held' ? (
        <p class="notice alert" role="alert" safe>
          {`Off the site: held because the agency withholds its copy. ${model.statusReason}`}
        </p>
      ) : (
        ''
      )}
      {model.embargo ? (
        <div class="notice alert embargo" role="alert">
          <p>
            <strong safe>{`Embargoed until ${model.embargo.local}`}</strong>
            <span safe>{` (${model.embargo.utc}). It cannot be published or scheduled before then.`}</span>
          </p>
          {model.canPublish && model.status !== 'killed' ? post(step('schedule-embargo'), 'Schedule for when the embargo lifts', t) : ''}
        </div>
      ) : (
        ''
      )}
      {model.hold && model.status !== 'killed' ? (
        <div class="notice alert hold" role="alert">
          <p safe>{`Withheld by the agency: ${model.hold}`}</p>
          {model.canPublish ? (
            <form method="post" action={step('publish')} class="stack">
              <Csrf token={t} />
              <label for="override">Publish anyway: the reason (recorded in the audit log)</label>
              <textarea id="override" name="override" rows="2" required minlength="10" maxlength="1000" />
              <button type="submit">Publish despite the agency’s hold</button>
            </form>
          ) : (
            ''
          )}
        </div>
      ) : (
        ''
      )}
      {model.notes.length ? (
        <div class="ednotes">
          <h3>Notes to editors from the agency</h3>
          <ul>
            {model.notes.map((n) => (
              <li safe>{`${n.agency} ${n.itemId} (version ${n.version}): ${n.note}`}</li>
            ))}
          </ul>
        </div>
      ) : (
        ''
      )}
      {model.pending ? <PendingUpdate model={model} /> : ''}
      <div class="disclosure-preview">
        <h3>Under the story, readers will see</h3>
        {model.disclosure.credit ? <p safe>{model.disclosure.credit}</p> : ''}
        {model.disclosure.note ? <p safe>{model.disclosure.note}</p> : ''}
        {!model.disclosure.credit && !model.disclosure.note ? <p>No credit or note: the desk wrote this story.</p> : ''}
      </div>
      {model.canRegenerate && model.canPublish && model.status !== 'killed' ? post(step('regenerate-summary'), 'Regenerate the summary from the body', t) : ''}
    </section>
  );
}

function PendingUpdate({ model }: { model: AgencyPanelModel }) {
  const p = model.pending!;
  const base = deskUrls.articleStep('agency-update')({ id: model.articleId });
  const differing = p.fields.filter((f) => f.differs);
  return (
    <div class="pending-update" role="region" aria-labelledby="pending-h">
      <h3 id="pending-h" safe>{`${p.agency} sent version ${p.version} (${p.received}): your edited text stays until you apply it`}</h3>
      <table class="desk-table side-by-side">
        <caption>The desk’s text beside the agency’s new version (added words underlined, removed struck through)</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Ours, as published</th>
            <th scope="col">The agency’s change</th>
            <th scope="col">Use it</th>
          </tr>
        </thead>
        <tbody>
          {p.fields.map((f) => {
            const safeDiff = f.diffHtml;
            return (
              <tr>
                <th data-label="Field" scope="row" safe>
                  {f.label}
                </th>
                <td data-label="Ours, as published" safe>
                  {f.ours}
                </td>
                <td data-label="The agency’s change">{f.differs ? safeDiff : 'the same'}</td>
                <td data-label="Use it">
                  {f.differs && model.canPublish ? post(base, `Apply the agency’s ${f.label.toLowerCase()}`, model.csrfToken, { fields: f.field }) : ''}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {model.canPublish ? (
        <p class="actions">
          {differing.length > 1 ? post(base, 'Apply all the agency’s changes', model.csrfToken, { fields: differing.map((f) => f.field) }) : ''}
          {post(deskUrls.articleStep('agency-update/decline')({ id: model.articleId }), 'Keep our text', model.csrfToken)}
        </p>
      ) : (
        ''
      )}
    </div>
  );
}
