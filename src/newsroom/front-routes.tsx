import { listArticles, summariesByIds } from '../content/articles.js';
import { ValidationError } from '../content/errors.js';
import { composeTopStories, FRONT_PLACES, listFrontPins, pinnedStories, placeName, setFrontPins, type FrontPinInput } from '../content/front-pins.js';
import type { Edition } from '../content/taxonomy.js';
import type { Directory } from '../content/directory.js';
import { bylineTime } from '../presentation/format.js';
import { articlePath } from '../presentation/urls.js';
import { z } from 'zod';
import { actorOf, DeskError, get, page, post, redirect, type Desk, type DeskContext, type DeskRoute } from './desk.js';
import { nameParam, text, ticked } from './desk-input.js';
import { deskUrls } from '../presentation/desk-urls.js';
import { FrontScreen, type FrontPlace } from './front-views.js';
import { zonedLocalToIso, zonedLocalValue } from '../util/time-zones.js';

/** Front-page curation (`front.curate`): `/newsroom/front?edition=<slug>`, saved by POST `/newsroom/front/<slug>`. */

/** A new pin lasts this long unless the editor says otherwise. */
const DEFAULT_PIN_MS = 12 * 3_600_000;
/** How many recent stories the pickers offer. */
const CANDIDATES = 60;

export function frontRoutes({ db }: Desk): DeskRoute[] {
  function editionOf(dir: Directory, slug: string | undefined): Edition {
    const edition = slug ? dir.editionBySlug.get(slug) : dir.defaultEdition;
    if (!edition) throw new DeskError(404, 'There is no such edition.');
    return edition;
  }

  async function screen(ctx: DeskContext, edition: Edition, options: { errors?: string[]; notice?: string | null; places?: FrontPlace[] } = {}) {
    const { dir } = ctx;
    const now = new Date().toISOString();
    const filter = edition.isDefault ? {} : { edition: edition.slug };
    const [recent, pins, pinned, newest] = await Promise.all([
      listArticles(db, { kind: ['news', 'opinion', 'blog', 'interview'], limit: CANDIDATES, ...filter }),
      listFrontPins(db, edition.id),
      pinnedStories(db, edition.id, now),
      listArticles(db, { kind: 'news', limit: FRONT_PLACES * 2, ...filter }),
    ]);
    // Stories pinned earlier stay choosable even once they are older than the recent ones.
    const extra = await summariesByIds(
      db,
      pins.map((p) => p.articleId).filter((id) => !recent.items.some((a) => a.id === id)),
    );
    const stories = [...recent.items, ...[...extra.values()].filter((a) => a.status === 'published')];
    const candidates = stories.map((a) => ({ value: String(a.id), label: `${a.headline} (#${a.id}, ${bylineTime(a.publishedAt ?? a.updatedAt, edition)})` }));
    const defaultUntil = zonedLocalValue(new Date(Date.now() + DEFAULT_PIN_MS).toISOString(), edition.timeZone);
    const places: FrontPlace[] =
      options.places ??
      Array.from({ length: FRONT_PLACES }, (_, position) => {
        const pin = pins.find((p) => p.position === position && p.expiresAt > now);
        return {
          position,
          name: placeName(position),
          articleId: pin ? String(pin.articleId) : '',
          until: pin ? zonedLocalValue(pin.expiresAt, edition.timeZone) : defaultUntil,
        };
      });
    const top = composeTopStories(pinned, newest.items);
    const pinnedIds = new Map([...pinned.entries()].map(([position, a]) => [a.id, position]));
    const expiry = new Map(pins.map((p) => [p.articleId, p.expiresAt]));
    return page(
      `Front page: ${edition.name}`,
      <FrontScreen
        csrfToken={ctx.session.csrfToken}
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
    );
  }

  /** The form's places, and the pins they ask for (a place without a story asks for none). */
  function placesOf(form: Record<string, unknown>, edition: Edition): { places: FrontPlace[]; pins: FrontPinInput[]; problems: string[] } {
    const problems: string[] = [];
    const places: FrontPlace[] = [];
    const pins: FrontPinInput[] = [];
    for (let position = 0; position < FRONT_PLACES; position++) {
      const articleId = text().parse(form[`story-${position}`]).trim();
      const until = text().parse(form[`until-${position}`]).trim();
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
  /** The places as the form sent them (all of them, or none when the form clears the front). */
  const placesSent = (form: Record<string, unknown>, edition: Edition) =>
    ticked.parse(form.clear) ? { places: undefined, pins: [], problems: [] } : placesOf(form, edition);

  return [
    get(deskUrls.front, 'front.curate', {
      input: { query: z.object({ edition: text(), saved: text() }) },
      handler: async (ctx, { query }) =>
        screen(ctx, editionOf(ctx.dir, query.edition || undefined), { notice: query.saved ? 'The front page is saved.' : null }),
    }),
    post(deskUrls.frontEdition, 'front.curate', {
      input: { params: z.object({ slug: nameParam }), form: z.looseObject({}) },
      handler: async (ctx, { params, form }) => {
        const edition = editionOf(ctx.dir, params.slug);
        const { pins, problems } = placesSent(form, edition);
        if (problems.length) throw new ValidationError(problems.join('; '), problems);
        await setFrontPins(db, edition.id, pins, { actor: actorOf(ctx) });
        return redirect(deskUrls.front({ edition: edition.slug, saved: 1 }));
      },
      refused: async (ctx, { problems }, params) => {
        const edition = editionOf(ctx.dir, params.slug);
        return screen(ctx, edition, { errors: problems, places: placesSent(ctx.form, edition).places });
      },
    }),
  ];
}
