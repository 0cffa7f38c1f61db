import { Csrf } from './views.js';

/** The editor's side tools: when it goes out, where its copy came from. Pure functions of their models. */

export interface ScheduleModel {
  /** "03-12-2026 14:30 IST" in the edition's zone, and the same instant in UTC. */
  local: string;
  utc: string;
  zone: string;
}

export interface SourceRow {
  agency: string;
  itemId: string;
  version: number;
  received: string;
}

export interface EditorToolsModel {
  articleId: number;
  csrfToken: string;
  version: number;
  scheduled: ScheduleModel | null;
  sources: SourceRow[];
  /** Whether this person may take a source off the story. */
  canEditSources: boolean;
}

/** Says when a scheduled story goes out, in the edition's zone (the Schedule form changes it). */
export function ScheduledFor({ model }: { model: ScheduleModel }) {
  return (
    <p class="notice scheduled-for" safe>
      {`Scheduled to publish at ${model.local} (${model.zone}), ${model.utc}. Change the time with Schedule below.`}
    </p>
  );
}

/** The agency reports the story credits, each with when its version arrived. */
export function SourcesList({ model }: { model: EditorToolsModel }) {
  return (
    <section aria-labelledby="sources-h" class="workflow">
      <h2 id="sources-h">Sources</h2>
      {model.sources.length === 0 ? (
        <p>This story credits no agency reports.</p>
      ) : (
        <table class="sources-list">
          <caption class="visually-hidden">Agency reports this story credits</caption>
          <thead>
            <tr>
              <th scope="col">Agency</th>
              <th scope="col">Item</th>
              <th scope="col">Version</th>
              <th scope="col">Received</th>
              {model.canEditSources ? <th scope="col">Remove</th> : ''}
            </tr>
          </thead>
          <tbody>
            {model.sources.map((s) => (
              <tr>
                <td safe>{s.agency}</td>
                <td>
                  <code safe>{s.itemId}</code>
                </td>
                <td safe>{String(s.version)}</td>
                <td safe>{s.received}</td>
                {model.canEditSources ? (
                  <td>
                    <form method="post" action={`/newsroom/articles/${model.articleId}/sources/remove`} class="inline">
                      <Csrf token={model.csrfToken} />
                      <input type="hidden" name="version" value={String(model.version)} />
                      <input type="hidden" name="agency" value={s.agency} />
                      <input type="hidden" name="itemId" value={s.itemId} />
                      <input type="hidden" name="itemVersion" value={String(s.version)} />
                      <button type="submit" aria-label={`Remove ${s.agency} ${s.itemId} version ${s.version}`}>
                        Remove
                      </button>
                    </form>
                  </td>
                ) : (
                  ''
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
