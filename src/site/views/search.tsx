import type { CardView } from '../../presentation/presenters.js';
import { searchPath } from '../../presentation/urls.js';
import { Meta } from './components.js';

export interface SearchModel {
  q: string;
  filters: { kind: string; sector: string; edition: string; country: string };
  options: Record<'kinds' | 'sectors' | 'editions' | 'countries', { value: string; label: string }[]>;
  result: {
    problem: string | null;
    truncated: boolean;
    total: number;
    /** More than `total` stories match (the count stops there). */
    capped: boolean;
    hits: { card: CardView; headlineHtml: string; snippetHtml: string }[];
    prevHref: string | null;
    nextHref: string | null;
    page: number;
    pages: number;
  } | null;
}

function Select({ name, label, value, options }: { name: string; label: string; value: string; options: { value: string; label: string }[] }) {
  return (
    <>
      <label for={`f-${name}`} class="visually-hidden" safe>
        {label}
      </label>
      <select id={`f-${name}`} name={name}>
        <option value="" safe>{`Any ${label.toLowerCase()}`}</option>
        {options.map((o) => (
          <option value={o.value} selected={o.value === value} safe>
            {o.label}
          </option>
        ))}
      </select>
    </>
  );
}

function countLine(total: number, capped: boolean): string {
  if (total === 0) return 'No stories match your search. Try fewer or different words, or remove a filter.';
  if (capped)
    return `More than ${total.toLocaleString('en')} stories match your search. The newest are shown, best first; add a word or a filter to narrow them down.`;
  return `${total.toLocaleString('en')} ${total === 1 ? 'story matches' : 'stories match'} your search.`;
}

export function SearchPage({ model }: { model: SearchModel }) {
  const r = model.result;
  return (
    <div class="search">
      <h1>Search</h1>
      <form class="search-form" action={searchPath()} method="get" role="search">
        <label for="q">Search stories (use "quotes" for phrases, OR for either word, -word to leave a word out)</label>
        <input id="q" type="search" name="q" value={model.q} maxlength="200" />
        <Select name="kind" label="Kind" value={model.filters.kind} options={model.options.kinds} />
        <Select name="sector" label="Sector" value={model.filters.sector} options={model.options.sectors} />
        <Select name="edition" label="Edition" value={model.filters.edition} options={model.options.editions} />
        <Select name="country" label="Country" value={model.filters.country} options={model.options.countries} />
        <button type="submit">Search</button>
      </form>
      {r?.truncated ? <p class="notice">Your search was long, so only its first 200 characters were used.</p> : ''}
      {r?.problem ? (
        <p class="notice" role="status" safe>
          {r.problem}
        </p>
      ) : (
        ''
      )}
      {r && !r.problem ? (
        <p role="status" safe>
          {countLine(r.total, r.capped)}
        </p>
      ) : (
        ''
      )}
      {r?.hits.map((h) => {
        const safeHeadline = h.headlineHtml;
        const safeSnippet = h.snippetHtml;
        return (
          <article class="hit">
            <h2>
              <a href={h.card.href}>{safeHeadline}</a>
            </h2>
            <p>{safeSnippet}</p>
            <Meta card={h.card} />
          </article>
        );
      })}
      {r && (r.prevHref || r.nextHref) ? (
        <nav class="pager" aria-label="Result pages">
          {r.prevHref ? (
            <a href={r.prevHref} rel="prev">
              ← Previous results
            </a>
          ) : (
            <span />
          )}
          <span safe>{`Page ${r.page} of ${r.pages}`}</span>
          {r.nextHref ? (
            <a href={r.nextHref} rel="next">
              More results →
            </a>
          ) : (
            <span />
          )}
        </nav>
      ) : (
        ''
      )}
    </div>
  );
}
