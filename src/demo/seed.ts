import fs from 'node:fs';
import path from 'node:path';
import { addViews } from '../audience/reads.js';
import { countArticles, type ArticleInput, type ArticleStatus } from '../content/articles.js';
import { createArticle, editArticle, submitForReview, type CreateOptions } from '../content/lifecycle.js';
import { paragraphsToHtml } from '../content/html.js';
import { createMedia } from '../content/media.js';
import { ensurePage } from '../content/pages.js';
import { claimSetting, updateSiteSettings } from '../content/settings.js';
import { countUsers, createUser } from '../content/users.js';
import { randomBytes } from 'node:crypto';
import { slugOf } from '../util/slug.js';
import { listCountries, listSectors, type Country } from '../content/taxonomy.js';
import { referenceEditionOf, saveReferenceTaxonomy } from '../content/reference-taxonomy.js';
import { toIso } from '../content/time.js';
import { changeContent } from '../content/events.js';
import type { DB } from '../db/connect.js';
import { ILLUSTRATION_HEIGHT, ILLUSTRATION_WIDTH, illustrationSvg, seededRandom } from '../content/illustration.js';
import { demoPages, demoSettings } from './pages.js';
import { storyTemplates, type StoryTemplate } from './stories.js';
import { demoAgencies, demoCountries } from './taxonomy.js';
import { writeDemoWire } from './demo-wire.js';
import { placeholderFiller } from './placeholders.js';
import { DATA_DROP_FOLDER } from '../wire/folder-policy.js';
import { addSource } from '../wire/sources.js';

const DEMO_MARKER = 'demo.seed';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface SeedOptions {
  /** Where DATA_DIR is: illustrations go to DATA_DIR/media/demo. */
  dataDir: string;
  /** Seed only into a database without articles (what `npm start` does). */
  onlyIfEmpty?: boolean;
  /** "Now" for the seed: stories are spread over the 14 days before it. */
  now?: Date;
}

export interface SeedResult {
  seeded: boolean;
  articles: number;
}

/**
 * Seeds the demo newsroom: sectors, editions, country editions, site settings, static pages and
 * about 180 fictional articles with generated illustrations. Runs in one transaction and at most
 * once per database (a marker setting is claimed first), so running it again changes nothing.
 */
/** Agency items the demo drops into its wire folder: enough to show merges, versions and holds. */
const DEMO_WIRE_ITEMS = 80;

export async function seedDemo(db: DB, options: SeedOptions): Promise<SeedResult> {
  const now = options.now ?? new Date();
  if (options.onlyIfEmpty && (await countArticles(db)) > 0) return { seeded: false, articles: 0 };
  const mediaDir = path.join(options.dataDir, 'media');

  const wireFolder = path.join(options.dataDir, DATA_DROP_FOLDER);
  const result = await changeContent(db, async (trx) => {
    if (!(await claimSetting(trx, DEMO_MARKER, { version: 1, seededAt: now.toISOString() }))) {
      return { seeded: false, articles: 0 };
    }
    await saveReferenceTaxonomy(trx, SEED_ACTOR);
    const countries = await listCountries(trx);
    await updateSiteSettings(trx, demoSettings, SEED_ACTOR);
    for (const page of demoPages) await ensurePage(trx, page, SEED_ACTOR, toIso(now.getTime() - 14 * DAY));

    const byCode = new Map(countries.map((c) => [c.code, { ...c, edition: referenceEditionOf(c) }]));
    const storyCountries = demoCountries.map((code) => byCode.get(code)!);
    const sectorNames = new Map((await listSectors(trx)).map((s) => [s.slug, s.name]));
    const plans = planArticles(storyCountries, now);

    const readable: { id: number; publishedAt: number }[] = [];
    for (const plan of plans) {
      const hero = await createHeroImage(trx, mediaDir, plan, sectorNames.get(plan.template.sector) ?? plan.template.sector);
      const ctx = { actor: SEED_ACTOR, now: toIso(plan.createdAt) };
      const article = await createArticle(trx, { ...plan.input, heroMediaId: hero }, ctx, plan.lifecycle);
      if (plan.status === 'review') await submitForReview(trx, article.id, ctx);
      if (article.status === 'published') readable.push({ id: article.id, publishedAt: plan.createdAt });
      if (plan.updatedAt) {
        await editArticle(
          trx,
          article.id,
          {
            body: `${plan.input.body}\n<p>${escape(plan.updateNote)}</p>`,
            sources: plan.input.sources?.map((s) => ({ ...s, version: (s.version ?? 1) + 1 })),
          },
          { actor: SEED_ACTOR, now: toIso(plan.updatedAt) },
          { textBy: 'person', summary: 'Added later details' },
        );
      }
    }
    await addViews(trx, plausibleViews(readable, now));
    // A drop folder the running server watches: the demo's wire inbox fills from it at start.
    // The desk never makes a drop folder: the seed makes its own, in DATA_DIR's drop area.
    fs.mkdirSync(wireFolder, { recursive: true });
    await addSource(trx, { name: 'Demo drop folder', agency: 'Meridian News Agency', folder: wireFolder, rule: 'inbox' }, SEED_ACTOR, {
      places: { dataDir: options.dataDir },
    });
    return { seeded: true, articles: plans.length };
  });
  if (result.seeded && (!fs.existsSync(wireFolder) || fs.readdirSync(wireFolder).length === 0)) writeDemoWire(wireFolder, { items: DEMO_WIRE_ITEMS, seed: 1 });
  return result;
}

/** Hourly reads for the stories of the last three days: each story has its own appeal, and
 *  interest fades over the hours after publication, so Trending has something to rank. */
function plausibleViews(articles: { id: number; publishedAt: number }[], now: Date) {
  const rand = seededRandom(4242);
  const entries: { articleId: number; at: Date; views: number }[] = [];
  for (const a of articles) {
    const appeal = Math.exp(rand() * 3); // 1 … 20
    for (let t = Math.max(a.publishedAt, now.getTime() - 72 * HOUR); t <= now.getTime(); t += HOUR) {
      const hoursOld = (t - a.publishedAt) / HOUR;
      const views = Math.round(appeal * 40 * Math.exp(-hoursOld / 12) * (0.7 + rand() * 0.6));
      if (views > 0) entries.push({ articleId: a.id, at: new Date(t), views });
    }
  }
  return entries;
}

const SEED_ACTOR = { name: 'demo seed', userId: null };

interface ArticlePlan {
  template: StoryTemplate;
  country: Country & { edition: string | null };
  input: ArticleInput;
  status: ArticleStatus;
  /** How it goes out, with the facts its disclosure is made from. */
  lifecycle: CreateOptions;
  createdAt: number;
  updatedAt: number | null;
  updateNote: string;
  seed: number;
}

const updateNotes = [
  'Update: organisers released revised figures later in the day; the numbers above reflect them.',
  'Update: a spokesperson confirmed the timetable after publication and said a review would follow in six months.',
  'Update: this story was updated with comments from local officials received after it was first published.',
];

/** Decides every demo article: its country, time, status, sources and AI involvement. */
function planArticles(countries: (Country & { edition: string | null })[], now: Date): ArticlePlan[] {
  const rand = seededRandom(2026);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)]!;
  const plans: ArticlePlan[] = [];
  let n = 0;

  const add = (template: StoryTemplate, country: Country & { edition: string | null }, status: ArticleStatus, at?: number) => {
    n += 1;
    const createdAt = at ?? (status === 'scheduled' ? now.getTime() - 2 * HOUR : now.getTime() - Math.floor(rand() * 14 * DAY) - 10 * 60_000);
    const agency = pick(demoAgencies);
    const secondAgency = demoAgencies[(demoAgencies.indexOf(agency) + 1) % demoAgencies.length]!;
    const isNews = template.kind === 'news';
    const fromWire = isNews && rand() < 0.85;
    const ai = !isNews ? (template.kind === 'shot' ? 'generated' : 'none') : fromWire ? (rand() < 0.18 ? 'generated' : 'assisted') : 'none';
    const reviewed = ai !== 'generated' || template.kind === 'shot';
    const fill = templateFiller(country, agency.name);
    const headline = fill(template.headline);
    const day = new Date(createdAt).toISOString().slice(0, 10).replaceAll('-', '');
    const sources = fromWire
      ? [agency, ...(rand() < 0.3 ? [secondAgency] : [])].map((a) => ({
          agency: a.name,
          itemId: `${a.prefix}-${day}-${String(n).padStart(4, '0')}`,
          version: 1,
        }))
      : [];
    const published = status === 'published';
    const updatedAt = published && rand() < 0.3 ? Math.min(createdAt + (1 + Math.floor(rand() * 20)) * HOUR, now.getTime() - 60_000) : null;
    // Opinion and blogs, and one story in eight, are filed under the global edition.
    const edition = !isNews || rand() < 0.125 ? 'global' : (country.edition ?? 'global');
    plans.push({
      template,
      country,
      createdAt,
      updatedAt,
      updateNote: pick(updateNotes),
      seed: n * 7919,
      status,
      lifecycle: {
        // Text a model generated and nobody touched; everything else a person wrote or edited.
        textBy: ai === 'generated' ? 'machine' : 'person',
        ...(status === 'published' ? { publish: { via: 'desk' as const, reviewed } } : {}),
        ...(status === 'scheduled' ? { schedule: { at: toIso(now.getTime() + 20 * HOUR), via: 'desk' as const, reviewed } } : {}),
      },
      input: {
        kind: template.kind,
        headline,
        slug: slugOf(headline),
        standfirst: fill(template.standfirst),
        body: bodyHtml(template, fill),
        datelineCity: country.capitals[0] ?? '',
        byline: template.author
          ? { authors: [{ name: template.author, userId: null }] }
          : { desk: ai === 'generated' && !reviewed ? 'Wire Desk' : 'News Desk' },
        edition,
        countries: [country.code],
        sectors: [template.sector, ...(template.extraSectors ?? [])],
        sources,
        aiInvolvement: ai,
      },
    });
  };

  const news = storyTemplates.filter((t) => t.kind === 'news');
  const others = storyTemplates.filter((t) => t.kind !== 'news');
  // Each news template runs in two countries far apart in the list; every country is used.
  // The two runs are a week apart, so one front page never shows the same story twice.
  news.forEach((t, i) => {
    add(t, countries[(2 * i) % countries.length]!, 'published');
    const first = plans.at(-1)!.createdAt;
    const second = first - 7 * DAY >= now.getTime() - 14 * DAY ? first - 7 * DAY : first + 7 * DAY;
    add(t, countries[(2 * i + 17) % countries.length]!, 'published', Math.min(second, now.getTime() - 10 * 60_000));
  });
  others.forEach((t, i) => add(t, countries[(3 * i + 5) % countries.length]!, 'published'));
  // A few stories still on the desk.
  const desk: ArticleStatus[] = ['draft', 'draft', 'draft', 'review', 'review', 'scheduled'];
  desk.forEach((status, i) => add(news[(i * 11) % news.length]!, countries[(i * 7 + 3) % countries.length]!, status));

  // Create in time order, so ids grow with time as they would on a real desk.
  return plans.sort((a, b) => a.createdAt - b.createdAt);
}

/** Fills a template's placeholders for a country and the agency credited with the copy. */
export function templateFiller(country: Pick<Country, 'name' | 'capitals' | 'demonym'>, agencyName: string): (text: string) => string {
  return placeholderFiller({
    country: country.name,
    capital: country.capitals[0] ?? country.name,
    demonym: country.demonym || country.name,
    agency: agencyName,
  });
}

export function bodyHtml(template: StoryTemplate, fill: (text: string) => string): string {
  if (template.kind !== 'interview') return paragraphsToHtml(template.paragraphs.map(fill));
  return template.paragraphs
    .map(fill)
    .map((line) => {
      const match = /^(Q|A):\s*(.*)$/s.exec(line);
      return match ? `<p><strong>${match[1]}:</strong> ${escape(match[2]!)}</p>` : paragraphsToHtml([line]);
    })
    .join('\n');
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

async function createHeroImage(db: DB, mediaDir: string, plan: ArticlePlan, sectorName: string): Promise<number> {
  const file = `demo/${plan.seed}-${plan.country.code.toLowerCase()}-${plan.template.sector}.svg`;
  const target = path.join(mediaDir, file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(
    target,
    illustrationSvg({ sectorSlug: plan.template.sector, sectorName, countryName: plan.country.name, countryCode: plan.country.code, seed: plan.seed }),
  );
  const media = await createMedia(
    db,
    {
      file,
      mimeType: 'image/svg+xml',
      width: ILLUSTRATION_WIDTH,
      height: ILLUSTRATION_HEIGHT,
      altText: `Abstract illustration in the colours of the ${sectorName} section, marked ${plan.country.name}`,
      caption: `Illustration generated by a computer program for this story; it is not a photograph of a real event or place.`,
      credit: 'Wiredesk demo illustration (generated)',
      digitalSourceType: 'algorithmicMedia',
    },
    toIso(plan.createdAt),
  );
  return media.id;
}

export const DEMO_ADMIN_EMAIL = 'admin@example.org';

/** Where the demo admin's random password is written, in the data directory. */
export const DEMO_ADMIN_PASSWORD_FILE = 'demo-admin-password.txt';

/**
 * A demo admin, only while the database has no users at all. Its password is the one given
 * (WIREDESK_ADMIN_PASSWORD), or a random one written to DATA_DIR/demo-admin-password.txt that
 * only the owner may read: never printed, so it stays out of terminals' scrollback and logs.
 */
export async function ensureDemoAdmin(
  db: DB,
  options: { dataDir: string; password?: string | null },
): Promise<{ email: string; passwordFile: string | null } | null> {
  if ((await countUsers(db)) > 0) return null;
  let passwordFile: string | null = null;
  let password = options.password ?? null;
  if (!password) {
    password = randomBytes(12).toString('base64url');
    passwordFile = path.resolve(options.dataDir, DEMO_ADMIN_PASSWORD_FILE);
    // Written before the account exists: an admin whose password nobody can read is no use.
    fs.mkdirSync(path.dirname(passwordFile), { recursive: true });
    fs.rmSync(passwordFile, { force: true });
    fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600, flag: 'wx' });
  }
  await createUser(db, { email: DEMO_ADMIN_EMAIL, displayName: 'Demo Admin', role: 'admin', password }, SEED_ACTOR);
  return { email: DEMO_ADMIN_EMAIL, passwordFile };
}
