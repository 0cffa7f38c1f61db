import { Csrf, ErrorList } from './desk-views.js';
import { deskUrls } from '../presentation/desk-urls.js';

/** "Merge with…": the stories the detector found nearest to this one, and a field for any other. */

export interface MergeCandidateRow {
  id: number;
  headline: string;
  status: string;
  /** The scorer's probability, as a percentage, and what the two share. */
  score: string;
  reason: string;
}

export interface MergeModel {
  story: { id: number; headline: string; reports: string[] };
  candidates: MergeCandidateRow[];
  /** What the form last held (after a refusal). */
  chosen: string;
  errors: string[];
  csrfToken: string;
}

export function MergeScreen({ model }: { model: MergeModel }) {
  const { story } = model;
  return (
    <div>
      <h1>Merge a story into another</h1>
      <ErrorList errors={model.errors} />
      <p>
        <strong safe>{story.headline}</strong>
        <span safe>{` (story ${story.id}, from ${story.reports.join(', ')})`}</span>
      </p>
      <p>Its agency copy joins the story you choose as further reports of the same event, and this draft goes. The detector learns from the decision.</p>
      <form method="post" action={deskUrls.inboxAction('merge')({ id: story.id })}>
        <Csrf token={model.csrfToken} />
        <fieldset>
          <legend>Same event as</legend>
          {model.candidates.length === 0 ? <p class="empty">The detector found no near story within two days: give its number below.</p> : ''}
          {model.candidates.map((c) => (
            <div class="choice">
              <input type="radio" name="target" id={`target-${c.id}`} value={String(c.id)} checked={model.chosen === String(c.id)} />
              <label for={`target-${c.id}`}>
                <span safe>{c.headline}</span>
                <span class="hint" safe>{`story ${c.id} · ${c.status} · score ${c.score} · ${c.reason}`}</span>
              </label>
            </div>
          ))}
          <label for="target-id">Or the story’s number</label>
          <input
            id="target-id"
            name="targetId"
            inputmode="numeric"
            pattern="[0-9]*"
            maxlength="12"
            size="8"
            value={/^\d+$/.test(model.chosen) && !model.candidates.some((c) => String(c.id) === model.chosen) ? model.chosen : ''}
          />
        </fieldset>
        <div class="actions">
          <button type="submit">Merge into the chosen story</button>
          <a href={deskUrls.inbox()}>Cancel</a>
        </div>
      </form>
    </div>
  );
}
