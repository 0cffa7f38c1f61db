import type { CardView, LinkView } from '../../presentation/presenters.js';
import { kindListingPath } from '../../presentation/urls.js';
import { Card, MoreLink, Trending } from './components.js';

/**
 * The front page: the lead and top stories (curated or newest), Latest News, Trending, Opinion,
 * Shots, then a short digest per sector. Kept light on purpose (Lighthouse's DOM budget, and a
 * phone's thumb): lists are headlines only, and each sector shows three headlines, not cards.
 */

export interface FrontModel {
  heading: string;
  top: CardView[];
  latest: CardView[];
  latestHref: string;
  trending: CardView[];
  opinion: CardView[];
  shots: CardView[];
  sectors: { title: string; href: string; cards: CardView[] }[];
}

/** A titled list of headlines with their time: Latest News, Opinion. */
function HeadlineList({ title, id, cards, more, kinds = false }: { title: string; id: string; cards: CardView[]; more: LinkView; kinds?: boolean }) {
  if (cards.length === 0) return '';
  return (
    <section class="block headlines" aria-labelledby={id}>
      <h2 id={id} safe>
        {title}
      </h2>
      <ul>
        {cards.map((c) => (
          <li>
            {kinds ? (
              <span class="kind" safe>
                {c.kindLabel}
              </span>
            ) : (
              ''
            )}
            <a href={c.href} safe>
              {c.headline}
            </a>
            {kinds ? (
              ''
            ) : (
              <time datetime={c.timeIso} safe>
                {c.timeLabel}
              </time>
            )}
          </li>
        ))}
      </ul>
      <MoreLink link={more} />
    </section>
  );
}

/** Shots: a strip of very short items, swiped sideways on a phone. */
function ShotStrip({ cards }: { cards: CardView[] }) {
  if (cards.length === 0) return '';
  return (
    <section class="block shots" aria-labelledby="shots-h">
      <h2 id="shots-h">Shots</h2>
      <div class="cards">
        {cards.map((c) => (
          <article class="card">
            <h3>
              <a href={c.href} safe>
                {c.headline}
              </a>
            </h3>
            <p class="standfirst" safe>
              {c.standfirst}
            </p>
            <time class="meta" datetime={c.timeIso} safe>
              {c.timeLabel}
            </time>
          </article>
        ))}
      </div>
      <MoreLink link={{ label: 'All shots', href: kindListingPath.shot }} />
    </section>
  );
}

/** Each sector's newest headlines, the first with a thumbnail; the sector's name links to it. */
function SectorDigest({ sectors }: { sectors: FrontModel['sectors'] }) {
  if (sectors.length === 0) return '';
  return (
    <section class="block sector-digest" aria-labelledby="sectors-h">
      <h2 id="sectors-h">By sector</h2>
      <div class="digest-grid">
        {sectors.map((s) => (
          <section class="digest">
            <h3>
              <a href={s.href} safe>
                {s.title}
              </a>
            </h3>
            <ul>
              {s.cards.map((c, i) => (
                <li>
                  {i === 0 && c.thumb ? (
                    <img src={c.thumb.src} width={String(c.thumb.width)} height={String(c.thumb.height)} alt="" loading="lazy" decoding="async" />
                  ) : (
                    ''
                  )}
                  <a href={c.href} safe>
                    {c.headline}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </section>
  );
}

export function FrontPage({ model }: { model: FrontModel }) {
  const [lead, ...grid] = model.top;
  // A lead without a picture spans the row, so no empty image block sits beside the others.
  return (
    <div class="front">
      <h1 class="visually-hidden" safe>
        {model.heading}
      </h1>
      <section class={lead && !lead.image ? 'top text-lead' : 'top'} aria-labelledby="top-h">
        <h2 id="top-h" class="visually-hidden">
          Top stories
        </h2>
        {lead ? <Card card={lead} lead priority level={3} /> : <p>No stories yet.</p>}
        <div class="cards grid">
          {grid.map((c) => (
            <Card card={c} />
          ))}
        </div>
      </section>
      <div class="columns-2">
        <HeadlineList title="Latest News" id="latest-h" cards={model.latest} more={{ label: 'More latest news', href: model.latestHref }} />
        <div>
          <Trending cards={model.trending} />
          <HeadlineList
            title="Opinion / Blog / Interview"
            id="opinion-h"
            cards={model.opinion}
            kinds
            more={{ label: 'More opinion', href: kindListingPath.opinion }}
          />
        </div>
      </div>
      <ShotStrip cards={model.shots} />
      <SectorDigest sectors={model.sectors} />
    </div>
  );
}
