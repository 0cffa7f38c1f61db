import type { StoryReads } from '../audience/story-reads.js';
import type { ArticleKind, ArticleStatus } from '../content/articles.js';
import { DeskTable, FilterSelect, type Option } from './desk-views.js';
import { READ_COLUMN_HEADERS, ReadCells, ReadsOrderSelect, ReadsWindowPager, type ReadsOrderModel } from './reads-views.js';
import { deskUrls } from '../presentation/desk-urls.js';

/** The dashboard and the article list. */

export interface ArticleRow {
  id: number;
  headline: string;
  kind: ArticleKind;
  status: ArticleStatus;
  byline: string;
  when: string;
  editHref: string;
  publicHref: string | null;
  /** Shown as three columns where the table has them (the article list). */
  reads?: StoryReads;
}

function ArticleTable({ rows, caption, reads = false }: { rows: ArticleRow[]; caption: string; reads?: boolean }) {
  if (rows.length === 0) return <p safe>{`${caption}: none.`}</p>;
  return (
    <DeskTable caption={caption} headers={['Headline', 'Kind', 'Status', 'By', 'When', ...(reads ? READ_COLUMN_HEADERS : [])]}>
      {rows.map((r) => (
        <tr>
          <td>
            <a href={r.editHref} safe>
              {r.headline}
            </a>
          </td>
          <td>{r.kind}</td>
          <td>{r.status}</td>
          <td safe>{r.byline}</td>
          <td safe>{r.when}</td>
          {reads ? <ReadCells reads={r.reads} /> : ''}
        </tr>
      ))}
    </DeskTable>
  );
}

export function DashboardPage({
  counts,
  review,
  scheduled,
  recent,
}: {
  counts: Record<string, number>;
  review: ArticleRow[];
  scheduled: ArticleRow[];
  recent: ArticleRow[];
}) {
  return (
    <div>
      <h1>Dashboard</h1>
      <ul class="counts">
        {Object.entries(counts).map(([status, n]) => (
          <li>
            <a href={deskUrls.articles({ status })} safe>
              {`${status}: ${n}`}
            </a>
          </li>
        ))}
      </ul>
      <ArticleTable rows={review} caption="Waiting for review" />
      <ArticleTable rows={scheduled} caption="Scheduled" />
      <ArticleTable rows={recent} caption="Recently published" />
    </div>
  );
}

export function ArticleListPage({
  rows,
  filters,
  options,
  olderHref,
  newerHref,
  order,
}: {
  rows: ArticleRow[];
  filters: Record<string, string>;
  options: Record<'statuses' | 'kinds' | 'sectors' | 'editions' | 'authors', Option[]>;
  olderHref: string | null;
  newerHref: string | null;
  order: ReadsOrderModel;
}) {
  const select = (name: string, label: string, opts: Option[]) => <FilterSelect name={name} label={label} options={opts} value={filters[name]} />;
  return (
    <div>
      <h1>Articles</h1>
      <form method="get" action={deskUrls.articles()} class="filters">
        {select('status', 'Status', options.statuses)}
        {select('kind', 'Kind', options.kinds)}
        {select('sector', 'Sector', options.sectors)}
        {select('edition', 'Edition', options.editions)}
        {select('author', 'Created by', options.authors)}
        <label for="f-country">Country code</label>
        <input id="f-country" name="country" value={filters.country ?? ''} maxlength="2" size="3" />
        <label for="f-text">Headline contains</label>
        <input id="f-text" name="text" type="search" value={filters.text ?? ''} maxlength="100" />
        <ReadsOrderSelect model={order} />
        <button type="submit">Filter</button>
      </form>
      <ArticleTable rows={rows} caption={order.note ? 'Articles, most read first' : 'Articles, most recently changed first'} reads />
      <ReadsWindowPager model={order} />
      <nav class="pager" aria-label="Pages">
        {newerHref ? <a href={newerHref}>← Newer</a> : <span />}
        {olderHref ? <a href={olderHref}>Older →</a> : <span />}
      </nav>
    </div>
  );
}
