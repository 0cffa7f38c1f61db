import type { CardView, ImageView, LinkView } from '../../presentation/presenters.js';

/** A plain list of links, as a navigation landmark when it has a label. */
export function LinkList({ links, label }: { links: LinkView[]; label?: string }) {
  const list = (
    <ul class="links">
      {links.map((l) => (
        <li>
          <a href={l.href} safe>
            {l.label}
          </a>
        </li>
      ))}
    </ul>
  );
  return label ? <nav aria-label={label}>{list}</nav> : list;
}

/** A responsive image with its intrinsic size, so nothing moves while it loads. */
export function Picture({ image, priority = false }: { image: ImageView; priority?: boolean }) {
  return (
    <img
      src={image.src}
      srcset={image.srcset}
      sizes={image.sizes}
      width={String(image.width)}
      height={String(image.height)}
      alt={image.alt}
      loading={priority ? 'eager' : 'lazy'}
      decoding="async"
      {...(priority ? { fetchpriority: 'high' } : {})}
    />
  );
}

/** An image with its caption and credit: generated images say so in the caption. */
export function Figure({ image, priority = false }: { image: ImageView; priority?: boolean }) {
  return (
    <figure class={image.synthetic ? 'hero synthetic' : 'hero'}>
      <Picture image={image} priority={priority} />
      <figcaption>
        <span safe>{image.caption}</span>
        {image.credit ? (
          <span class="credit" safe>
            {image.synthetic ? image.credit : `Photo: ${image.credit}`}
          </span>
        ) : (
          ''
        )}
      </figcaption>
    </figure>
  );
}

export function Meta({ card }: { card: CardView }) {
  return (
    <p class="meta">
      {card.country ? (
        <a href={card.country.href} safe>
          {card.country.label}
        </a>
      ) : (
        ''
      )}
      {card.country ? ' · ' : ''}
      <time datetime={card.timeIso} safe>
        {card.timeLabel}
      </time>
    </p>
  );
}

/** A story in a grid or list. `level` keeps the heading outline right wherever it sits. */
export function Card({
  card,
  level = 3,
  image = true,
  priority = false,
  lead = false,
}: {
  card: CardView;
  level?: 2 | 3;
  image?: boolean;
  priority?: boolean;
  lead?: boolean;
}) {
  const heading = (
    <a href={card.href} safe>
      {card.headline}
    </a>
  );
  return (
    <article class={lead ? 'card lead' : 'card'}>
      {image && card.image ? <Picture image={card.image} priority={priority} /> : ''}
      <div class="card-text">
        {card.kind !== 'news' ? (
          <p class="kind" safe>
            {card.kindLabel}
          </p>
        ) : (
          ''
        )}
        {level === 2 ? <h2>{heading}</h2> : <h3>{heading}</h3>}
        {lead || card.kind === 'shot' ? (
          <p class="standfirst" safe>
            {card.standfirst}
          </p>
        ) : (
          ''
        )}
        <Meta card={card} />
      </div>
    </article>
  );
}

/** A titled block of stories: Latest News, a sector, Opinion / Blog / Interview … */
export function Block({
  title,
  id,
  more,
  cards,
  variant = 'grid',
  images = true,
}: {
  title: string;
  id: string;
  more?: LinkView;
  cards: CardView[];
  variant?: 'grid' | 'list' | 'shots';
  images?: boolean;
}) {
  if (cards.length === 0) return '';
  return (
    <section class={`block ${variant}`} aria-labelledby={id}>
      <h2 id={id} safe>
        {title}
      </h2>
      <div class="cards">
        {cards.map((c) => (
          <Card card={c} image={images && variant !== 'list'} />
        ))}
      </div>
      <MoreLink link={more} />
    </section>
  );
}

/** "More …" under a block. */
export function MoreLink({ link }: { link?: LinkView }) {
  if (!link) return '';
  return (
    <p class="more">
      <a href={link.href} safe>
        {link.label}
      </a>
    </p>
  );
}

/** Trending: a numbered list with thumbnail, title and country. */
export function Trending({ cards, id = 'trending-h' }: { cards: CardView[]; id?: string }) {
  if (cards.length === 0) return '';
  return (
    <section class="block trending" aria-labelledby={id}>
      <h2 id={id}>Trending</h2>
      <ol>
        {cards.map((c) => (
          <li>
            {c.thumb ? <img src={c.thumb.src} width={String(c.thumb.width)} height={String(c.thumb.height)} alt="" loading="lazy" decoding="async" /> : ''}
            <div>
              <a href={c.href} safe>
                {c.headline}
              </a>
              {c.country ? (
                <p class="meta" safe>
                  {c.country.label}
                </p>
              ) : (
                ''
              )}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Keyset pagination links. */
export function Pager({ newer, older }: { newer: string | null; older: string | null }) {
  if (!newer && !older) return '';
  return (
    <nav class="pager" aria-label="Pages">
      {newer ? (
        <a href={newer} rel="prev">
          ← Newer stories
        </a>
      ) : (
        <span />
      )}
      {older ? (
        <a href={older} rel="next">
          Older stories →
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}

export function Breadcrumbs({ items }: { items: LinkView[] }) {
  return (
    <nav aria-label="Breadcrumb" class="breadcrumbs">
      <ol>
        {items.map((item, i) =>
          i === items.length - 1 ? (
            <li aria-current="page" safe>
              {item.label}
            </li>
          ) : (
            <li>
              <a href={item.href} safe>
                {item.label}
              </a>
            </li>
          ),
        )}
      </ol>
    </nav>
  );
}
