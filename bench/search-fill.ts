/**
 * A quick synthetic archive for the search benchmark: `n` stories written straight into the
 * tables (bulk INSERTs in large transactions, not the lifecycle), with the search index filled
 * alongside. Small and separate so that the benchmark can switch to `wiredesk demo-archive`.
 *
 * Text: a Zipf-distributed vocabulary (some plain news words, then made-up ones), plus words
 * planted at known rates so each query shape has its target: "government" in about 45% of the
 * stories, the phrase "climate change" in about 4%, "okonkwo" in 6, "xylophonist" in none (and
 * two made-up words that land in about 5% and 1%).
 * Filing: kinds, editions, sectors and countries skewed the way a real desk's are (the smallest
 * country has about 0.5% of the stories); five years of publication times in id order, a few
 * out of order; 2% drafts and 1% taken down (indexed, never found).
 */
import { sql } from 'kysely';
import { seededRandom } from '../src/content/illustration.js';
import { countryTag, kindTag, postgresTagsOf } from '../src/content/search-index.js';
import { listCountries, listEditions, listSectors, saveEdition, saveSector, setCountryEdition } from '../src/content/taxonomy.js';
import type { Store } from '../src/db/connect.js';
import { demoCountries, demoEditionOf, demoEditions, demoSectors } from '../src/db/demo/taxonomy.js';

export const PLANTED = {
  common: 'government',
  phrase: 'climate change',
  rare: 'okonkwo',
  none: 'xylophonist',
  // Not planted: made-up words whose place in the Zipf ranking puts them in about 5% and 1% of the stories.
  fivePercent: 'dirakaka',
  onePercent: 'belmivoka',
};

const NEWS_WORDS = (
  'said year people new country officials report city minister week police water health market ' +
  'school power price workers plan project money court farmers women children village election ' +
  'bank trade road company study rain program hospital district party budget energy loan crop'
).split(' ');
const SYLLABLES = ['ka', 'lo', 'mi', 'ren', 'tas', 'vo', 'di', 'pur', 'sel', 'nor', 'gan', 'bel', 'tiv', 'mon', 'ra', 'zu'];

/** A sampler of index 0…n-1 with weight 1/(i+1)^s. */
function zipf(n: number, s: number, rand: () => number): () => number {
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cumulative[i] = sum += 1 / (i + 1) ** s;
  return () => {
    const x = rand() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

interface Row {
  id: number;
  kind: string;
  status: string;
  headline: string;
  standfirst: string;
  body: string;
  editionId: number;
  publishedAt: string | null;
  createdAt: string;
  sectorIds: number[];
  countries: string[];
}

async function taxonomy(store: Store) {
  if ((await listSectors(store.db)).length === 0) {
    for (const sector of demoSectors) await saveSector(store.db, sector);
    for (const edition of demoEditions) await saveEdition(store.db, edition);
    for (const country of await listCountries(store.db)) {
      const edition = demoEditionOf(country);
      if (edition && country.editionId === null) await setCountryEdition(store.db, country.code, edition);
    }
  }
  return { sectors: await listSectors(store.db), editions: await listEditions(store.db) };
}

/** Adds `n` published-ish stories (ids after the current ones) and their index entries. */
export async function fillSearchCorpus(store: Store, n: number, options: { seed?: number; years?: number; onProgress?: (done: number) => void } = {}): Promise<void> {
  const rand = seededRandom(options.seed ?? 11);
  const { sectors, editions } = await taxonomy(store);
  const vocabulary = [...NEWS_WORDS];
  for (let i = 0; vocabulary.length < 30_000; i++) {
    vocabulary.push([0, 1, 2, 3].map((k) => SYLLABLES[(i >> (k * 4)) & 15]).join(''));
  }
  const word = zipf(vocabulary.length, 1.0, rand);
  const words = (count: number) => Array.from({ length: count }, () => vocabulary[word()]!);
  const kindOf = zipf(5, 1.6, rand);
  const kinds = ['news', 'shot', 'opinion', 'blog', 'interview'];
  const editionOf = zipf(editions.length, 1.0, rand);
  const sectorOf = zipf(sectors.length, 0.8, rand);
  const countryOf = zipf(demoCountries.length, 1.1, rand);
  const rareIds = new Set(Array.from({ length: 6 }, () => 1 + Math.floor(rand() * n)));
  const start = Number((await sql<{ m: number | null }>`select max(id) as m from articles`.execute(store.db)).rows[0]?.m ?? 0);
  const span = (options.years ?? 5) * 365 * 86_400_000;
  const t0 = Date.now() - span;

  const plant = (list: string[], text: string) => list.splice(Math.floor(rand() * (list.length + 1)), 0, text);
  const make = (k: number): Row => {
    const id = start + k + 1;
    const headline = words(7);
    const standfirst = words(20);
    const body = words(120);
    if (rand() < 0.05) plant(headline, PLANTED.common);
    if (rand() < 0.1) plant(standfirst, PLANTED.common);
    for (let r = rand(); r < 0.4; r += 0.25) plant(body, PLANTED.common);
    const c = rand();
    if (c < 0.04) plant(body, PLANTED.phrase);
    else if (c < 0.07) plant(body, 'climate');
    if (rand() < 0.12) plant(body, 'change');
    if (rareIds.has(k + 1)) plant(body, PLANTED.rare);
    const capital = (w: string) => w[0]!.toUpperCase() + w.slice(1);
    let at = t0 + ((k + 0.5) / n) * span;
    if (rand() < 0.03) at += (rand() - 0.5) * 20 * 86_400_000;
    at = Math.min(at, Date.now() - 60_000);
    const s = rand();
    const status = s < 0.02 ? 'draft' : s < 0.03 ? 'unpublished' : 'published';
    const sectorIds = [...new Set([sectors[sectorOf()]!.id, ...(rand() < 0.4 ? [sectors[sectorOf()]!.id] : [])])];
    const countries = [...new Set([demoCountries[countryOf()]!, ...(rand() < 0.2 ? [demoCountries[countryOf()]!] : [])])];
    return {
      id,
      kind: kinds[kindOf()]!,
      status,
      headline: headline.map(capital).join(' '),
      standfirst: `${capital(standfirst.join(' '))}.`,
      body: `${capital(body.join(' '))}.`,
      editionId: editions[editionOf()]!.id,
      publishedAt: status === 'draft' ? null : new Date(at).toISOString(),
      createdAt: new Date(at - rand() * 7_200_000).toISOString(),
      sectorIds,
      countries,
    };
  };

  const BATCH = store.kind === 'sqlite' ? 20_000 : 2_000;
  for (let done = 0; done < n; done += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, n - done) }, (_, i) => make(done + i));
    if (store.kind === 'sqlite') writeSqlite(store, rows);
    else await writePostgres(store, rows);
    options.onProgress?.(done + rows.length);
  }
}

function writeSqlite(store: Store, rows: Row[]) {
  const raw = store.sqlite!;
  const article = raw.prepare(`insert into articles (id, slug, kind, status, headline, standfirst, body, dateline_city, byline_desk, language, edition_id,
      ai_involvement, human_reviewed, version, created_at, updated_at, published_at, human_edited, published_via, status_reason)
    values (?, ?, ?, ?, ?, ?, ?, '', 'Bench desk', 'en', ?, 'none', 1, 1, ?, ?, ?, 1, ?, '')`);
  const sector = raw.prepare('insert into article_sectors (article_id, sector_id, position, listed_at) values (?, ?, ?, ?)');
  const country = raw.prepare('insert into article_countries (article_id, country_code, position, listed_at) values (?, ?, ?, ?)');
  // The filing tokens content/search-index.ts writes.
  const search = raw.prepare('insert into article_search (rowid, headline, standfirst, body, tags) values (?, ?, ?, ?, ?)');
  const tags = (r: Row) => [kindTag(r.kind), `wde${r.editionId}`, ...r.sectorIds.map((s) => `wds${s}`), ...r.countries.map(countryTag)].join(' ');
  raw.transaction(() => {
    for (const r of rows) {
      const listed = r.status === 'published' ? r.publishedAt : null;
      article.run(r.id, `story-${r.id}`, r.kind, r.status, r.headline, r.standfirst, `<p>${r.body}</p>`, r.editionId, r.createdAt, r.publishedAt ?? r.createdAt, r.publishedAt, r.publishedAt ? 'desk' : null);
      r.sectorIds.forEach((s, i) => sector.run(r.id, s, i, listed));
      r.countries.forEach((c, i) => country.run(r.id, c, i, listed));
      search.run(r.id, r.headline, r.standfirst, r.body, tags(r));
    }
  })();
}

async function writePostgres(store: Store, rows: Row[]) {
  const col = <T>(f: (r: Row) => T) => rows.map(f);
  const links = <T>(f: (r: Row) => T[]) => rows.flatMap((r) => f(r).map((v, i) => ({ id: r.id, v, i, listed: r.status === 'published' ? r.publishedAt : null })));
  const sectorLinks = links((r) => r.sectorIds);
  const countryLinks = links((r) => r.countries);
  await store.db.transaction().execute(async (trx) => {
    await sql`insert into articles (id, slug, kind, status, headline, standfirst, body, dateline_city, byline_desk, language, edition_id,
        ai_involvement, human_reviewed, version, created_at, updated_at, published_at, human_edited, published_via, status_reason)
      select id, 'story-' || id, kind, status, headline, standfirst, '<p>' || body || '</p>', '', 'Bench desk', 'en', edition_id,
        'none', 1, 1, created_at, coalesce(published_at, created_at), published_at, 1, case when published_at is null then null else 'desk' end, ''
      from unnest(${col((r) => r.id)}::int[], ${col((r) => r.kind)}::text[], ${col((r) => r.status)}::text[], ${col((r) => r.headline)}::text[],
        ${col((r) => r.standfirst)}::text[], ${col((r) => r.body)}::text[], ${col((r) => r.editionId)}::int[], ${col((r) => r.createdAt)}::timestamptz[],
        ${col((r) => r.publishedAt)}::timestamptz[]) as t(id, kind, status, headline, standfirst, body, edition_id, created_at, published_at)`.execute(trx);
    await sql`insert into article_sectors (article_id, sector_id, position, listed_at)
      select * from unnest(${sectorLinks.map((l) => l.id)}::int[], ${sectorLinks.map((l) => l.v)}::int[], ${sectorLinks.map((l) => l.i)}::int[], ${sectorLinks.map((l) => l.listed)}::timestamptz[])`.execute(trx);
    await sql`insert into article_countries (article_id, country_code, position, listed_at)
      select * from unnest(${countryLinks.map((l) => l.id)}::int[], ${countryLinks.map((l) => l.v)}::text[], ${countryLinks.map((l) => l.i)}::int[], ${countryLinks.map((l) => l.listed)}::timestamptz[])`.execute(trx);
    await sql`insert into article_search (article_id, headline, standfirst, body, published_at, tags)
      select t.*, ${postgresTagsOf(sql`t.id`)}
      from unnest(${col((r) => r.id)}::int[], ${col((r) => r.headline)}::text[], ${col((r) => r.standfirst)}::text[], ${col((r) => r.body)}::text[],
        ${col((r) => (r.status === 'published' ? r.publishedAt : null))}::timestamptz[]) as t(id, headline, standfirst, body, published_at)`.execute(trx);
  });
}

/** After a bulk fill on PostgreSQL: the identity goes past the ids written, statistics and the
 *  visibility map are fresh (as autovacuum would leave them). */
export async function settlePostgres(store: Store): Promise<void> {
  await sql`select setval(pg_get_serial_sequence('articles', 'id'), (select max(id) from articles))`.execute(store.db);
  for (const table of ['articles', 'article_sectors', 'article_countries', 'article_search']) await sql`vacuum analyze ${sql.table(table)}`.execute(store.db);
}
