import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Article, ArticleKind, ArticleSource, Byline } from '../content/articles.js';
import { paragraphsToHtml } from '../content/html.js';
import { importPublishedStories, type ImportedStory } from '../content/lifecycle.js';
import { createMedia, toMedia, type Media } from '../content/media.js';
import { slugOf } from '../util/slug.js';
import { listCountries, listEditions, listSectors, type Country, type Sector } from '../content/taxonomy.js';
import { ILLUSTRATION_HEIGHT, ILLUSTRATION_WIDTH, illustrationSvg, seededRandom } from '../content/illustration.js';
import type { WireItem } from '../wire/item.js';
import { dayOf } from '../wire/dedupe.js';
import { dialectOf, type DB } from '../db/connect.js';
import { storyTemplates, type StoryTemplate } from './stories.js';
import { bodyHtml, templateFiller } from './seed.js';
import { demoAgencies } from './taxonomy.js';

/*
 * The archive at full size, for benchmarks and capacity tests: N fictional published stories
 * spread over two years, brought in through the lifecycle's bulk import in large transactions
 * (the story-by-story commands cost a few milliseconds each; a million would take hours): the
 * stories with their links and search entries, and beside them a revision per version, some
 * corrections, agency items with versions and cross-agency duplicates (with their duplicate-
 * index bands) and hourly reads for the last week.
 *
 * The ids are given, in time order, so every row of a story goes in without reading anything
 * back. Run it on a database the demo seed has filled (taxonomy, pictures), with no server
 * writing at the same time.
 */

export interface ArchiveOptions {
  articles: number;
  /** DATA_DIR/media: each sector and country gets a generated illustration there. */
  mediaDir: string;
  /** The newest story is an hour before this. */
  now?: Date;
  /** How far back the stories reach. */
  years?: number;
  seed?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface ArchiveResult {
  articles: number;
  revisions: number;
  corrections: number;
  wireItems: number;
  bands: number;
  viewRows: number;
  seconds: number;
}

/** Stories per transaction. */
const CHUNK = 2_000;
/** Transactions written at once on PostgreSQL. */
const PG_WRITERS = 2;
/** PostgreSQL's search index (migration 0022), whose pending list a bulk load uses. */
const SEARCH_INDEX = 'article_search_words_tags';
/** Bound parameters per statement (SQLite allows 32,766, PostgreSQL 65,535). */
const MAX_PARAMETERS = 30_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Duplicate-index keys an agency item has (as a real fingerprint gives, roughly). */
const BANDS_PER_ITEM = 24;
const READ_DAYS = 7;
const ACTOR = 'demo archive';

/** How often each kind is filed, out of 100. */
const KIND_SHARE: [ArticleKind, number][] = [
  ['news', 80],
  ['shot', 8],
  ['opinion', 5],
  ['blog', 4],
  ['interview', 3],
];

export async function loadDemoArchive(db: DB, options: ArchiveOptions): Promise<ArchiveResult> {
  const started = performance.now();
  const total = options.articles;
  if (!Number.isSafeInteger(total) || total < 1) throw new RangeError('the archive needs a whole number of articles, at least 1');
  const world = await worldOf(db, options.mediaDir);
  const now = (options.now ?? new Date()).getTime();
  const span = (options.years ?? 2) * 365 * DAY;
  const rand = seededRandom(options.seed ?? 7);
  const first = Number((await sql<{ n: number | null }>`select max(id) as n from articles`.execute(db)).rows[0]?.n ?? 0) + 1;
  const firstWire = Number((await sql<{ n: number | null }>`select max(id) as n from wire_items`.execute(db)).rows[0]?.n ?? 0) + 1;
  const counts = { articles: 0, revisions: 0, corrections: 0, wireItems: 0, bands: 0, viewRows: 0 };
  const cursor = { articleId: first, wireId: firstWire };

  // Chunks are planned in order (the ids and the random stream are sequential) and written as
  // they are planned. On PostgreSQL two are written at once, on two connections: its backend,
  // not this process, is the bound (80% of a core against 20% here), and two chunks' rows never
  // touch each other (their ids are apart, everything a chunk refers to is in it or was there
  // before). SQLite has one writer, so one at a time.
  //
  // A bulk load lets the search index gather new entries in its pending list, as it did before
  // migration 0026, and merges them once at the end.
  const postgres = dialectOf(db) === 'postgres';
  if (postgres) await sql`alter index ${sql.id(SEARCH_INDEX)} set (fastupdate = on)`.execute(db);
  const inFlight = new Set<Promise<void>>();
  const parallel = postgres ? PG_WRITERS : 1;
  let failed: unknown = null;
  let written = 0;
  for (let done = 0; done < total && failed === null; done += CHUNK) {
    const rows = new ChunkRows();
    const size = Math.min(CHUNK, total - done);
    for (let i = 0; i < size; i += 1) {
      // Evenly over the span, oldest first, with a little jitter; the last an hour before now.
      const at = Math.round(now - HOUR - span + ((done + i + rand()) / total) * span);
      planStory(rows, world, rand, cursor, at, now);
    }
    const writing = db
      .transaction()
      .execute(async (trx) => rows.write(trx))
      .then(
        () => {
          for (const key of Object.keys(counts) as (keyof typeof counts)[]) counts[key] += rows.count(key);
          options.onProgress?.((written += size), total);
        },
        (error: unknown) => void (failed ??= error),
      )
      .finally(() => inFlight.delete(writing));
    inFlight.add(writing);
    if (inFlight.size >= parallel) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  if (postgres) {
    await sql`alter index ${sql.id(SEARCH_INDEX)} set (fastupdate = off)`.execute(db);
    await sql`select gin_clean_pending_list(${SEARCH_INDEX})`.execute(db);
  }
  if (failed !== null) throw failed;
  if (postgres) {
    // Explicit ids leave the identity sequences behind.
    await sql`select setval(pg_get_serial_sequence('articles', 'id'), (select max(id) from articles))`.execute(db);
    await sql`select setval(pg_get_serial_sequence('wire_items', 'id'), (select max(id) from wire_items))`.execute(db);
    for (const table of ['article_revisions', 'article_corrections', 'article_sources']) {
      await sql`select setval(pg_get_serial_sequence(${table}, 'id'), (select max(id) from ${sql.table(table)}))`.execute(db);
    }
  }
  // PostgreSQL's autovacuum would gather statistics soon; gathered now, the figures taken next
  // are those of a settled database. SQLite gets none: the program never runs ANALYZE there.
  if (postgres) await sql`analyze`.execute(db);
  return { ...counts, seconds: (performance.now() - started) / 1000 };
}

interface World {
  countries: (Country & { editionId: number | null })[];
  globalEdition: number;
  sectorIds: Map<string, number>;
  /** The illustration of a sector and country, by `sector|code`. */
  media: Map<string, Media>;
  templates: Map<ArticleKind, StoryTemplate[]>;
}

async function worldOf(db: DB, mediaDir: string): Promise<World> {
  const [countries, editions, sectors] = await Promise.all([listCountries(db), listEditions(db), listSectors(db)]);
  const global = editions.find((e) => e.isDefault) ?? editions[0];
  if (!global || sectors.length === 0 || countries.length === 0) throw new Error('The archive needs the demo taxonomy: run `wiredesk seed --demo` first.');
  const templates = new Map<ArticleKind, StoryTemplate[]>();
  for (const t of storyTemplates) templates.set(t.kind, [...(templates.get(t.kind) ?? []), t]);
  return {
    countries,
    globalEdition: global.id,
    sectorIds: new Map(sectors.map((s) => [s.slug, s.id])),
    media: await illustrations(db, mediaDir, sectors, countries),
    templates,
  };
}

/** One generated illustration per sector and country (made once; a second archive reuses them). */
async function illustrations(db: DB, mediaDir: string, sectors: Sector[], countries: Country[]): Promise<Map<string, Media>> {
  const out = new Map<string, Media>();
  const fileOf = (sector: string, code: string) => `demo/archive/${sector}-${code.toLowerCase()}.svg`;
  const existing = await db.selectFrom('media').selectAll().where('file', 'like', 'demo/archive/%').execute();
  const byFile = new Map(existing.map((r) => [r.file, toMedia(r)]));
  fs.mkdirSync(path.join(mediaDir, 'demo', 'archive'), { recursive: true });
  await db.transaction().execute(async (trx) => {
    for (const sector of sectors) {
      for (const [i, country] of countries.entries()) {
        const file = fileOf(sector.slug, country.code);
        let media = byFile.get(file);
        if (!media) {
          const svg = illustrationSvg({
            sectorSlug: sector.slug,
            sectorName: sector.name,
            countryName: country.name,
            countryCode: country.code,
            seed: sector.position * 1000 + i,
          });
          fs.writeFileSync(path.join(mediaDir, file), svg);
          media = await createMedia(trx, {
            file,
            mimeType: 'image/svg+xml',
            width: ILLUSTRATION_WIDTH,
            height: ILLUSTRATION_HEIGHT,
            altText: `Abstract illustration in the colours of the ${sector.name} section, marked ${country.name}`,
            caption: 'Illustration generated by a computer program for this story; it is not a photograph of a real event or place.',
            credit: 'Wiredesk demo illustration (generated)',
            digitalSourceType: 'algorithmicMedia',
          });
        }
        out.set(`${sector.slug}|${country.code}`, media);
      }
    }
  });
  return out;
}

/** Rows of one transaction, table by table. */
class ChunkRows {
  readonly stories: ImportedStory[] = [];
  readonly tables = new Map<string, Record<string, unknown>[]>();

  add(table: string, row: Record<string, unknown>): void {
    const list = this.tables.get(table);
    if (list) list.push(row);
    else this.tables.set(table, [row]);
  }

  count(what: keyof Omit<ArchiveResult, 'seconds'>): number {
    if (what === 'articles') return this.stories.length;
    const table = {
      revisions: 'article_revisions',
      corrections: 'article_corrections',
      wireItems: 'wire_items',
      bands: 'wire_item_bands',
      viewRows: 'article_views',
    }[what];
    return this.tables.get(table)?.length ?? 0;
  }

  async write(trx: DB): Promise<void> {
    // The stories through the lifecycle (their bodies are made here from escaped text), then
    // what refers to them.
    await importPublishedStories(trx, this.stories, { bodiesAreSafe: true });
    for (const table of ['article_revisions', 'article_corrections', 'wire_items', 'wire_item_bands', 'article_views'] as const) {
      const rows = this.tables.get(table);
      if (!rows?.length) continue;
      const step = Math.max(1, Math.floor(MAX_PARAMETERS / Object.keys(rows[0]!).length));
      for (let i = 0; i < rows.length; i += step)
        await trx
          .insertInto(table)
          .values(rows.slice(i, i + step) as never)
          .execute();
    }
  }
}

function pickKind(rand: () => number): ArticleKind {
  let roll = rand() * 100;
  for (const [kind, share] of KIND_SHARE) if ((roll -= share) < 0) return kind;
  return 'news';
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Invented names, so rare words exist in the archive as they do in real copy. */
const SYLLABLES = [
  'ba',
  'ko',
  'ri',
  'ta',
  'mu',
  'sel',
  'dan',
  'vo',
  'li',
  'ne',
  'zar',
  'po',
  'ki',
  'ha',
  'ru',
  'me',
  'to',
  'sa',
  'gu',
  'wen',
  'ola',
  'fi',
  'dre',
  'yan',
  'ch',
  'bek',
  'mi',
  'no',
  'las',
  'ter',
];
const FIRST_NAMES = [
  'Amara',
  'Tomas',
  'Leila',
  'Kofi',
  'Ines',
  'Ravi',
  'Noor',
  'Mateo',
  'Sena',
  'Yusuf',
  'Hana',
  'Piotr',
  'Adaeze',
  'Lucia',
  'Tenzin',
  'Farah',
];

function inventedName(rand: () => number): string {
  const parts = 2 + Math.floor(rand() * 2);
  const word = Array.from({ length: parts }, () => SYLLABLES[Math.floor(rand() * SYLLABLES.length)]).join('');
  return word[0]!.toUpperCase() + word.slice(1);
}

function planStory(rows: ChunkRows, world: World, rand: () => number, cursor: { articleId: number; wireId: number }, at: number, now: number): void {
  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)]!;
  const id = cursor.articleId++;
  const kind = pickKind(rand);
  const template = pick(world.templates.get(kind) ?? storyTemplates);
  const country = pick(world.countries);
  const agency = pick(demoAgencies);
  const fill = templateFiller(country, agency.name);
  const headline = fill(template.headline).slice(0, 300);
  const standfirst = fill(template.standfirst);
  const source = `${FIRST_NAMES[Math.floor(rand() * FIRST_NAMES.length)]} ${inventedName(rand)}`;
  const closing = `The figures were compiled by ${source} of the ${inventedName(rand)} Institute, who said a fuller account would follow.`;
  const paragraphs = [...template.paragraphs.map(fill), closing];
  const body = `${bodyHtml(template, fill)}\n${paragraphsToHtml([closing])}`;
  const isNews = kind === 'news';
  const fromWire = isNews && rand() < 0.6;
  const editionId = !isNews || rand() < 0.125 ? world.globalEdition : (country.editionId ?? world.globalEdition);
  const updated = rand() < 0.2;
  const publishedAt = iso(at);
  const updatedAt = updated ? iso(Math.min(at + (1 + Math.floor(rand() * 20)) * HOUR, now - 60_000)) : publishedAt;
  const version = updated ? 2 : 1;
  const byline: Byline = template.author ? { authors: [{ name: template.author, userId: null }] } : { desk: 'News Desk' };
  const sectors = [template.sector, ...(template.extraSectors ?? [])].filter((s) => world.sectorIds.has(s));
  const hero = rand() < 0.9 ? (world.media.get(`${template.sector}|${country.code}`) ?? null) : null;
  const day = publishedAt.slice(0, 10).replaceAll('-', '');
  const sources: ArticleSource[] = fromWire ? [{ agency: agency.name, itemId: `${agency.prefix}-${day}-A${id}`, version }] : [];
  const ai = isNews ? (fromWire ? 'assisted' : 'none') : kind === 'shot' ? 'generated' : 'none';

  const slug = `${slugOf(headline)}-${id.toString(36)}`;
  rows.stories.push({
    id,
    slug,
    kind,
    headline,
    standfirst,
    body,
    text: paragraphs.join(' '),
    datelineCity: country.capitals[0] ?? '',
    bylineDesk: 'desk' in byline ? byline.desk : null,
    authors: 'authors' in byline ? byline.authors.map((a) => a.name) : [],
    language: 'en',
    editionId,
    heroMediaId: hero?.id ?? null,
    aiInvolvement: ai,
    humanEdited: !fromWire || rand() < 0.5,
    version,
    createdAt: iso(at - 20 * 60_000),
    updatedAt,
    publishedAt,
    sectorIds: sectors.map((slug) => world.sectorIds.get(slug)!),
    countries: [country.code],
    sources,
  });

  const snapshot: Article = {
    id,
    slug,
    kind,
    status: 'published',
    headline,
    standfirst,
    body,
    datelineCity: country.capitals[0] ?? '',
    byline,
    language: 'en',
    editionId,
    countries: [country.code],
    sectors,
    hero,
    sources,
    aiInvolvement: ai,
    humanReviewed: true,
    humanEdited: true,
    publishedVia: 'desk',
    embargoUntil: null,
    agencyHold: null,
    derivedFrom: null,
    statusReason: '',
    version: 1,
    createdAt: iso(at - 20 * 60_000),
    updatedAt: publishedAt,
    publishedAt,
    scheduledFor: null,
    createdBy: null,
  };
  const revision = (v: number, when: string, summary: string, a: Article) =>
    rows.add('article_revisions', { article_id: id, article_version: v, created_at: when, user_id: null, actor: ACTOR, summary, snapshot: JSON.stringify(a) });
  revision(1, publishedAt, 'Published', snapshot);
  if (updated) revision(2, updatedAt, 'Added later details', { ...snapshot, version: 2, updatedAt, sources });
  if (rand() < 0.01)
    rows.add('article_corrections', {
      article_id: id,
      at: updatedAt,
      note: 'An earlier version of this story gave the wrong year for the programme’s launch.',
      user_id: null,
      actor: ACTOR,
    });

  if (fromWire) {
    const item = (agencyName: string, itemId: string, v: number, time: number): WireItem => ({
      agency: agencyName,
      itemId,
      version: v,
      versionTime: iso(time),
      headline,
      standfirst,
      bodyHtml: body,
      byline: '',
      datelineCity: country.capitals[0] ?? '',
      datelineCountry: country.code,
      language: 'en',
      subjects: [],
      images: [],
      urgency: null,
      embargo: null,
      status: 'usable',
      ednote: '',
    });
    const wire = (w: WireItem, role: 'primary' | 'duplicate') => {
      const wireId = cursor.wireId++;
      rows.add('wire_items', {
        id: wireId,
        agency: w.agency,
        item_id: w.itemId,
        version: w.version,
        version_time: w.versionTime,
        status: 'usable',
        headline,
        payload: JSON.stringify(w),
        source: 'demo-archive',
        received_at: w.versionTime,
        article_id: id,
        role,
        fingerprint: null,
        countries: JSON.stringify([country.code]),
        sectors: JSON.stringify(sectors),
        summary: standfirst,
        shot_text: '',
        held_reason: null,
        discarded: 0,
        ednote: '',
        embargo: null,
        text_state: null,
        merge_reason: role === 'duplicate' ? JSON.stringify({ similarity: 0.8, sharedNames: [country.name], sharedFigures: [] }) : null,
      });
      // Keys no other story shares: the index is as large as a real one without false matches.
      for (let b = 0; b < BANDS_PER_ITEM; b += 1) {
        rows.add('wire_item_bands', {
          version_day: dayOf(Date.parse(w.versionTime)),
          band_key: Math.floor(rand() * 2 ** 31),
          wire_item_id: wireId,
          version_time: w.versionTime,
        });
      }
    };
    const primary = sources[0]!;
    wire(item(agency.name, primary.itemId, 1, at - 30 * 60_000), 'primary');
    if (updated) wire(item(agency.name, primary.itemId, 2, Date.parse(updatedAt) - 10 * 60_000), 'primary');
    if (rand() < 0.15) {
      const other = demoAgencies[(demoAgencies.indexOf(agency) + 1) % demoAgencies.length]!;
      wire(item(other.name, `${other.prefix}-${day}-D${id}`, 1, at - 15 * 60_000), 'duplicate');
    }
  }

  // Hourly reads for the last week, fading after publication.
  if (at > now - READ_DAYS * DAY) {
    const appeal = Math.exp(rand() * 3);
    for (let t = Math.floor(at / HOUR) * HOUR; t <= now; t += HOUR) {
      const views = Math.round(appeal * 30 * Math.exp(-(t - at) / HOUR / 12));
      if (views <= 0) break;
      rows.add('article_views', { article_id: id, hour: iso(t), views });
    }
  }
}
