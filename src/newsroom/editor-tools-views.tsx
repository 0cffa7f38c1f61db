import { Csrf } from './desk-views.js';
import { deskUrls } from '../presentation/desk-urls.js';

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
  hero: { src: string; alt: string; x: number; y: number } | null;
  /** The other people with this story open, "Asha (since 14:05 IST)". */
  othersEditing: string[];
}

/** "Someone else is editing": drawn with the page, then kept current by the heartbeat (editor.js). */
export function OthersEditing({ model }: { model: EditorToolsModel }) {
  return (
    <div class="presence" aria-live="polite" data-presence={deskUrls.presence({ id: model.articleId })} data-csrf={model.csrfToken}>
      {model.othersEditing.length ? (
        <p class="notice" safe>
          {`Also open in another editor: ${model.othersEditing.join(', ')}. Save often; the later Save is refused if theirs came first.`}
        </p>
      ) : (
        ''
      )}
    </div>
  );
}

/** The hero image's focal point: two numbers (click the image to set them, with JavaScript). */
export function FocalPointForm({ model }: { model: EditorToolsModel }) {
  const hero = model.hero;
  if (!hero) return '';
  return (
    <section aria-labelledby="focal-h" class="workflow">
      <h2 id="focal-h">Focal point</h2>
      <p>Every crop of the hero image (16:9, 4:3, 1:1) keeps this point in frame. Click the image or type the numbers.</p>
      <div class="focal-frame" data-focal-frame>
        <img src={hero.src} alt={hero.alt} width="320" data-focal-image />
        <span class="focal-marker" aria-hidden="true" hidden data-focal-marker></span>
      </div>
      <form method="post" action={deskUrls.heroFocal({ id: model.articleId })} class="inline" data-focal-form>
        <Csrf token={model.csrfToken} />
        <label for="focal-x">From the left (0–1)</label>
        <input id="focal-x" name="x" type="number" min="0" max="1" step="0.01" required value={String(hero.x)} />
        <label for="focal-y">From the top (0–1)</label>
        <input id="focal-y" name="y" type="number" min="0" max="1" step="0.01" required value={String(hero.y)} />
        <button type="submit">Set focal point</button>
      </form>
    </section>
  );
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
        // A desk table: on a phone each source stacks as labelled lines instead of scrolling sideways.
        <table class="desk-table sources-list">
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
                <td data-label="Agency" safe>
                  {s.agency}
                </td>
                <td data-label="Item">
                  <code safe>{s.itemId}</code>
                </td>
                <td data-label="Version" safe>
                  {String(s.version)}
                </td>
                <td data-label="Received" safe>
                  {s.received}
                </td>
                {model.canEditSources ? (
                  <td>
                    <form method="post" action={deskUrls.removeSource({ id: model.articleId })} class="inline">
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
