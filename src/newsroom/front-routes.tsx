import { listArticles, summariesByIds } from '../content/articles.js';
import { NotFoundError, ValidationError } from '../content/errors.js';
import { composeTopStories, FRONT_PLACES, listFrontPins, pinnedStories, placeName, setFrontPins, type FrontPinInput } from '../content/front-pins.js';
import type { Edition } from '../content/taxonomy.js';
import type { DB } from '../db/connect.js';
import type { Directory } from '../content/directory.js';
import { bylineTime } from '../presentation/format.js';
import { articlePath } from '../presentation/urls.js';
import { formText as text } from '../util/form.js';
import { actorOf, DeskError, type DeskContext, type DeskRoute } from './desk.js';
import { FrontScreen, type FrontPlace } from './front-views.js';
import { zonedLocalToIso, zonedLocalValue } from '../util/time-zones.js';

/** Front-page curation (`front.curate`): `/newsroom/front?edition=<slug>`, saved by POST `/newsroom/front/<slug>`. */

/** A new pin lasts this long unless the editor says otherwise. */
const DEFAULT_PIN_MS = 12 * 3_600_000;
/** How many recent stories the pickers offer. */
const CANDIDATES = 60;

export function frontDeskRoutes({ db, directory }: { db: DB; directory: { get(): Promise<Directory> } }): DeskRoute[] {
  function editionOf(dir: Directory, slug: string | undefined): Edition {
    const edition = slug ? dir.editionBySlug.get(slug) : dir.defaultEdition;
    if (!edition) throw new DeskError(404, 'There is no such edition.');
    return edition;
  }

  async function screen(ctx: DeskContext, edition: Edition, options: { errors?: string[]; notice?: string | null; places?: FrontPlace[]; status?: number } = {}) {
    const dir = await directory.get();
    const now = new Date().toISOString();
    const filter = edition.isDefault ? {} : { edition: edition.slug };
    const [recent, pins, pinned, newest] = await Promise.all([
      listArticles(db, { kind: ['news', 'opinion', 'blog', 'interview'], limit: CANDIDATES, ...filter }),
      listFrontPins(db, edition.id),
      pinnedStories(db, edition.id, now),
      listArticles(db, { kind: 'news', limit: FRONT_PLACES * 2, ...filter }),
    ]);
    // Stories pinned earlier stay choosable even once they are older than the recent ones.
    const extra = await summariesByIds(db, pins.map((p) => p.articleId).filter((id) => !recent.items.some((a) => a.id === id)));
    const stories = [...recent.items, ...[...extra.values()].filter((a) => a.status === 'published')];
    const candidates = stories.map((a) => ({ value: String(a.id), label: `${a.headline} (#${a.id}, ${bylineTime(a.publishedAt ?? a.updatedAt, edition)})` }));
    const defaultUntil = zonedLocalValue(new Date(Date.now() + DEFAULT_PIN_MS).toISOString(), edition.timeZone);
    const places: FrontPlace[] =
      options.places ??
      Array.from({ length: FRONT_PLACES }, (_, position) => {
        const pin = pins.find((p) => p.position === position && p.expiresAt > now);
        return { position, name: placeName(position), articleId: pin ? String(pin.articleId) : '', until: pin ? zonedLocalValue(pin.expiresAt, edition.timeZone) : defaultUntil };
      });
    const top = composeTopStories(pinned, newest.items);
    const pinnedIds = new Map([...pinned.entries()].map(([position, a]) => [a.id, position]));
    const expiry = new Map(pins.map((p) => [p.articleId, p.expiresAt]));
    return ctx.render(
      `Front page: ${edition.name}`,
      <FrontScreen
        csrfToken={ctx.session!.csrfToken}
        model={{
          edition: { slug: edition.slug, name: edition.name, timeZone: edition.timeZone },
          editions: dir.editions.map((e) => ({ value: e.slug, label: e.name, current: e.id === edition.id })),
          places,
          candidates,
          now: top.map((a, i) => ({
            name: placeName(i),
            headline: a.headline,
            href: articlePath(a),
            how: pinnedIds.has(a.id) ? `pinned until ${bylineTime(expiry.get(a.id)!, edition)}` : 'newest',
            noImage: i === 0 && !a.hero,
          })),
          errors: options.errors ?? [],
          notice: options.notice ?? null,
        }}
      />,
      options.status,
    );
  }

  /** The form's places, and the pins they ask for (a place without a story asks for none). */
  function placesOf(ctx: DeskContext, edition: Edition): { places: FrontPlace[]; pins: FrontPinInput[]; problems: string[] } {
    const problems: string[] = [];
    const places: FrontPlace[] = [];
    const pins: FrontPinInput[] = [];
    for (let position = 0; position < FRONT_PLACES; position++) {
      const articleId = text(ctx.form[`story-${position}`]).trim();
      const until = text(ctx.form[`until-${position}`]).trim();
      places.push({ position, name: placeName(position), articleId, until });
      if (!articleId) continue;
      if (!/^\d{1,12}$/.test(articleId)) {
        problems.push(`${placeName(position)}: choose a story from the list`);
        continue;
      }
      const expiresAt = zonedLocalToIso(until, edition.timeZone);
      if (!expiresAt) {
        problems.push(`${placeName(position)}: give the date and time the pin ends`);
        continue;
      }
      pins.push({ position, articleId: Number(articleId), expiresAt });
    }
    return { places, pins, problems };
  }

  return [
    {
      method: 'GET',
      url: '/newsroom/front',
      permission: 'front.curate',
      handler: async (ctx) => screen(ctx, editionOf(await directory.get(), ctx.query.edition), { notice: ctx.query.saved ? 'The front page is saved.' : null }),
    },
    {
      method: 'POST',
      url: '/newsroom/front/:slug',
      permission: 'front.curate',
      handler: async (ctx) => {
        const edition = editionOf(await directory.get(), ctx.params.slug);
        const clear = text(ctx.form.clear) === '1';
        const { places, pins, problems } = clear ? { places: undefined, pins: [], problems: [] } : placesOf(ctx, edition);
        if (problems.length) return screen(ctx, edition, { errors: problems, places, status: 422 });
        try {
          await setFrontPins(db, edition.id, pins, { actor: actorOf(ctx) });
        } catch (error) {
          if (error instanceof ValidationError) return screen(ctx, edition, { errors: error.problems, places, status: 422 });
          if (error instanceof NotFoundError) throw new DeskError(404, error.message);
          throw error;
        }
        return ctx.reply.redirect(`/newsroom/front?edition=${encodeURIComponent(edition.slug)}&saved=1`, 303);
      },
    },
  ];
}
