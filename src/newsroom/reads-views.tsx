import { NO_READS, type StoryReads } from '../audience/story-reads.js';

/* Read figures in the newsroom: the article list's three columns and its order, and the editor's
 * panel. Pure views; they import nothing from views.tsx (which uses them). */

export const READ_COLUMN_HEADERS = ['This hour', '24 h', 'Reads'];

const figure = (n: number) => n.toLocaleString('en-GB');

/** The three cells of a story's row: this clock hour, the last 24 hours, since publication. */
export function ReadCells({ reads = NO_READS }: { reads?: StoryReads }) {
  return (
    <>
      <td class="figure" safe>
        {figure(reads.lastHour)}
      </td>
      <td class="figure" safe>
        {figure(reads.last24h)}
      </td>
      <td class="figure" safe>
        {figure(reads.total)}
      </td>
    </>
  );
}

export interface ReadsOrderModel {
  value: string;
  options: { value: string; label: string }[];
  /** Said when sorting by reads: what was sorted and where in it this page is. */
  note: string | null;
  previousPageHref: string | null;
  nextPageHref: string | null;
}

/** The list's order, a control of its filter form. */
export function ReadsOrderSelect({ model }: { model: ReadsOrderModel }) {
  return (
    <>
      <label for="f-sort">Order</label>
      <select id="f-sort" name="sort">
        {model.options.map((o) => (
          <option value={o.value} selected={o.value === model.value} safe>
            {o.label}
          </option>
        ))}
      </select>
    </>
  );
}

/** Sorted by reads: the note saying what was sorted, and the pages within it. */
export function ReadsWindowPager({ model }: { model: ReadsOrderModel }) {
  if (!model.note) return '';
  return (
    <div class="reads-window">
      <p safe>{model.note}</p>
      {model.previousPageHref || model.nextPageHref ? (
        <nav class="pager" aria-label="Pages sorted by reads">
          {model.previousPageHref ? <a href={model.previousPageHref}>← More read</a> : <span />}
          {model.nextPageHref ? <a href={model.nextPageHref}>Less read →</a> : <span />}
        </nav>
      ) : (
        ''
      )}
    </div>
  );
}

/** The editor's figures for the story. */
export function StoryReadsPanel({ reads }: { reads: StoryReads }) {
  return (
    <section aria-labelledby="reads-h" class="story-reads">
      <h2 id="reads-h">Reads</h2>
      <dl>
        <dt>This hour</dt>
        <dd safe>{figure(reads.lastHour)}</dd>
        <dt>Last 24 hours</dt>
        <dd safe>{figure(reads.last24h)}</dd>
        <dt>Since publication</dt>
        <dd safe>{figure(reads.total)}</dd>
      </dl>
    </section>
  );
}
