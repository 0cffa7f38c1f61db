import { Csrf, DeskTable, ErrorList, type Option } from './desk-views.js';
import { deskUrls } from '../presentation/desk-urls.js';

/** The wire sources screens: the list with a form to add one, and one source to edit. */

export interface SourceRowModel {
  id: number;
  name: string;
  agency: string;
  where: string;
  rule: string;
  items: number;
  enabled: boolean;
  lastSuccess: string;
  lastError: string;
}

export interface SourceFormValues {
  name: string;
  agency: string;
  url: string;
  pollSeconds: string;
  folder: string;
  edition: string;
  sectors: string[];
  rule: string;
}

export const emptySourceForm: SourceFormValues = { name: '', agency: '', url: '', pollSeconds: '300', folder: '', edition: '', sectors: [], rule: 'inbox' };

function SourceForm({
  action,
  csrfToken,
  values,
  editions,
  sectors,
  submit,
}: {
  action: string;
  csrfToken: string;
  values: SourceFormValues;
  editions: Option[];
  sectors: Option[];
  submit: string;
}) {
  return (
    <form method="post" action={action} class="stack">
      <Csrf token={csrfToken} />
      <label for="src-name">Name</label>
      <input id="src-name" name="name" required maxlength="100" value={values.name} />
      <label for="src-agency">Agency (credited only when an item names none)</label>
      <input id="src-agency" name="agency" required maxlength="100" value={values.agency} />
      <label for="src-url">Feed URL to poll (RSS, Atom, JSON Feed, ninjs or NewsML-G2)</label>
      <input id="src-url" name="url" type="url" value={values.url} />
      <label for="src-poll">Poll every (seconds)</label>
      <input id="src-poll" name="pollSeconds" inputmode="numeric" value={values.pollSeconds} />
      <label for="src-folder">
        …or a drop folder on the server to watch: an existing folder made for this source, as an absolute path (its feed files are moved to processed/ or
        failed/ inside it)
      </label>
      <input id="src-folder" name="folder" value={values.folder} />
      <label for="src-edition">Edition for new stories</label>
      <select id="src-edition" name="edition">
        <option value="">Default edition</option>
        {editions.map((o) => (
          <option value={o.value} selected={o.value === values.edition} safe>
            {o.label}
          </option>
        ))}
      </select>
      <fieldset>
        <legend>Sectors for new stories</legend>
        {sectors.map((o) => (
          <label class="check">
            <input type="checkbox" name="sectors" value={o.value} checked={values.sectors.includes(o.value)} /> <span safe>{o.label}</span>
          </label>
        ))}
      </fieldset>
      <label for="src-rule">Rule</label>
      <select id="src-rule" name="rule">
        <option value="inbox" selected={values.rule === 'inbox'}>
          inbox: a person decides
        </option>
        <option value="auto-publish" selected={values.rule === 'auto-publish'}>
          auto-publish: usable items go out unedited
        </option>
      </select>
      <button type="submit" safe>
        {submit}
      </button>
    </form>
  );
}

export function SourcesPage({
  sources,
  csrfToken,
  errors,
  editions,
  sectors,
  values,
}: {
  sources: SourceRowModel[];
  csrfToken: string;
  errors: string[];
  editions: Option[];
  sectors: Option[];
  values: SourceFormValues;
}) {
  return (
    <div>
      <h1>Wire sources</h1>
      <ErrorList errors={errors} />
      <DeskTable caption="Where agency copy comes from" headers={['Name', 'Agency', 'Feed or folder', 'Rule', 'State', 'Items', 'Last success', 'Last error']}>
        {sources.map((s) => (
          <tr>
            <td>
              <a href={deskUrls.source({ id: s.id })} safe>
                {s.name}
              </a>
            </td>
            <td safe>{s.agency}</td>
            <td safe>{s.where}</td>
            <td safe>{s.rule}</td>
            <td>{s.enabled ? 'on' : 'off'}</td>
            <td safe>{String(s.items)}</td>
            <td safe>{s.lastSuccess}</td>
            <td safe>{s.lastError}</td>
          </tr>
        ))}
      </DeskTable>
      <h2>Add a source</h2>
      <SourceForm action={deskUrls.sources()} csrfToken={csrfToken} values={values} editions={editions} sectors={sectors} submit="Add source" />
    </div>
  );
}

export interface SourceFileRow {
  file: string;
  when: string;
  outcome: string;
  counts: string;
  problems: string;
}

export function SourcePage({
  source,
  values,
  files,
  csrfToken,
  errors,
  editions,
  sectors,
}: {
  source: SourceRowModel;
  values: SourceFormValues;
  files: SourceFileRow[];
  csrfToken: string;
  errors: string[];
  editions: Option[];
  sectors: Option[];
}) {
  const base = deskUrls.source({ id: source.id });
  return (
    <div>
      <h1 safe>{`Wire source: ${source.name}`}</h1>
      <ErrorList errors={errors} />
      <p
        safe
      >{`${source.enabled ? 'On' : 'Off: neither watched nor polled'} · ${source.items} items · last success ${source.lastSuccess}${source.lastError ? ` · last error ${source.lastError}` : ''}`}</p>
      <form method="post" action={deskUrls.sourceStep(source.enabled ? 'disable' : 'enable')({ id: source.id })} class="inline">
        <Csrf token={csrfToken} />
        <button type="submit">{source.enabled ? 'Turn this source off' : 'Turn this source on'}</button>
      </form>
      <h2>Settings</h2>
      <SourceForm action={base} csrfToken={csrfToken} values={values} editions={editions} sectors={sectors} submit="Save the source" />
      {files.length ? (
        <DeskTable caption="Files taken from the drop folder, newest first" headers={['File', 'When', 'Outcome', 'Items', 'Problems']}>
          {files.map((f) => (
            <tr>
              <td safe>{f.file}</td>
              <td safe>{f.when}</td>
              <td safe>{f.outcome}</td>
              <td safe>{f.counts}</td>
              <td safe>{f.problems}</td>
            </tr>
          ))}
        </DeskTable>
      ) : (
        ''
      )}
      <h2>Remove</h2>
      <form method="post" action={deskUrls.sourceStep('delete')({ id: source.id })} class="stack">
        <Csrf token={csrfToken} />
        <label class="check">
          <input type="checkbox" name="confirm" value="1" required /> Remove this source (the copy it brought stays)
        </label>
        <button type="submit">Remove the source</button>
      </form>
    </div>
  );
}
