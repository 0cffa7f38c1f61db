import type { ArticleView, CardView, ImageView, LinkView } from '../../presentation/presenters.js';
import { kindListingPath } from '../../presentation/urls.js';
import { Block, Breadcrumbs, Card, Figure, LinkList, Pager, Trending } from './components.js';

/** Page bodies: pure functions from view models to HTML. The layout wraps each. */

export interface SideBlocks {
  trending: CardView[];
  opinion: CardView[];
  shots: CardView[];
  latest: CardView[];
  related?: CardView[];
}

export function Sidebar({ blocks }: { blocks: SideBlocks }) {
  return (
    <aside class="side" aria-label="More stories">
      <Trending cards={blocks.trending} />
      <Block
        title="Opinion / Blog / Interview"
        id="side-opinion"
        cards={blocks.opinion}
        variant="list"
        more={{ label: 'More opinion', href: kindListingPath.opinion }}
      />
      <Block title="Shots" id="side-shots" cards={blocks.shots} variant="shots" images={false} more={{ label: 'All shots', href: kindListingPath.shot }} />
      <Block title="Latest News" id="side-latest" cards={blocks.latest} variant="list" more={{ label: 'All latest news', href: kindListingPath.news }} />
      {blocks.related ? <Block title="Related stories" id="side-related" cards={blocks.related} variant="list" /> : ''}
    </aside>
  );
}

/** Share links: plain links, each opening the network's own share page (site/share.ts). */
function ShareLinks({ links }: { links: LinkView[] }) {
  return (
    <nav class="share" aria-label="Share this story">
      <h2>Share</h2>
      <ul class="links inline">
        {links.map((l) => (
          <li>
            <a href={l.href} rel="nofollow noopener" safe>
              {l.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function ArticlePage({ article, side, share = [] }: { article: ArticleView; side: SideBlocks; share?: LinkView[] }) {
  const safeBody = article.bodyHtml;
  return (
    <div class="with-side">
      <article class="story">
        <header>
          {article.kind !== 'news' ? (
            <p class="kind" safe>
              {article.kindLabel}
            </p>
          ) : (
            ''
          )}
          <h1 safe>{article.headline}</h1>
          <p class="standfirst" safe>
            {article.standfirst}
          </p>
          <p class="byline">
            <span>
              {article.bylineLinks.map((b, i) => (
                <>
                  {i === 0 ? '' : i === article.bylineLinks.length - 1 ? ' and ' : ', '}
                  {b.href ? (
                    <a href={b.href} rel="author" safe>
                      {b.label}
                    </a>
                  ) : (
                    <span safe>{b.label}</span>
                  )}
                </>
              ))}
            </span>
            {article.datelineCity ? (
              <>
                {' | '}
                <span safe>{article.datelineCity}</span>
              </>
            ) : (
              ''
            )}
            {' | '}Updated:{' '}
            <time datetime={article.updatedIso ?? article.createdIso} safe>
              {article.updatedLabel ?? article.createdLabel}
            </time>
            {' | '}Created:{' '}
            <time datetime={article.createdIso} safe>
              {article.createdLabel}
            </time>
          </p>
        </header>
        {article.hero ? <Figure image={article.hero} priority /> : ''}
        <p class="tags">
          {article.countries.length ? 'Country: ' : ''}
          {article.countries.map((c, i) => (
            <>
              {i > 0 ? ', ' : ''}
              <a href={c.href} rel="tag" safe>
                {c.label}
              </a>
            </>
          ))}
          {article.sectors.map((s) => (
            <>
              {' '}
              <a class="tag" href={s.href} rel="tag" safe>
                {s.label}
              </a>
            </>
          ))}
        </p>
        {share.length ? <ShareLinks links={share} /> : ''}
        <div class="body">{safeBody}</div>
        {article.sourcesLine ? (
          <p class="sources" safe>
            {article.sourcesLine}
          </p>
        ) : (
          ''
        )}
        {article.corrections.length ? (
          <section class="corrections" aria-labelledby="corrections-h">
            <h2 id="corrections-h">Corrections</h2>
            {article.corrections.map((c) => (
              <p>
                <time datetime={c.iso} safe>
                  {c.label}
                </time>
                {': '}
                <span safe>{c.note}</span>
              </p>
            ))}
          </section>
        ) : (
          ''
        )}
        {article.aiNote ? (
          <p class="ai-note" role="note" safe>
            {article.aiNote}
          </p>
        ) : (
          ''
        )}
        <p class="story-feedback">
          <a href={article.feedbackHref}>Give feedback on this story</a>
        </p>
      </article>
      <Sidebar blocks={side} />
    </div>
  );
}

export interface ListingModel {
  title: string;
  intro?: string;
  /** An author's page: the profile above their stories. */
  profile?: { bio: string; photo: ImageView | null; links: LinkView[] };
  /** A numbered list (Trending) instead of a grid. */
  ranked?: boolean;
  breadcrumbs: LinkView[];
  cards: CardView[];
  newerHref: string | null;
  olderHref: string | null;
  variant: 'grid' | 'shots';
}

export function ListingPage({ model }: { model: ListingModel }) {
  return (
    <div class="listing">
      <Breadcrumbs items={model.breadcrumbs} />
      <h1 safe>{model.title}</h1>
      {model.intro ? (
        <p class="intro" safe>
          {model.intro}
        </p>
      ) : (
        ''
      )}
      {model.profile ? (
        <div class="author-profile">
          {model.profile.photo ? (
            <img
              src={model.profile.photo.src}
              srcset={model.profile.photo.srcset}
              sizes="120px"
              width="120"
              height={String(Math.round((120 * model.profile.photo.height) / model.profile.photo.width))}
              alt={model.profile.photo.alt}
            />
          ) : (
            ''
          )}
          {model.profile.bio ? <p safe>{model.profile.bio}</p> : ''}
          {model.profile.links.length ? <LinkList links={model.profile.links} label={`${model.title} elsewhere`} /> : ''}
        </div>
      ) : (
        ''
      )}
      {model.cards.length === 0 ? <p>No stories here yet.</p> : ''}
      {model.ranked ? (
        <ol class="cards ranked">
          {model.cards.map((c, i) => (
            <li>
              <Card card={c} level={2} priority={i === 0} />
            </li>
          ))}
        </ol>
      ) : (
        <div class={model.variant === 'shots' ? 'cards shots-grid' : 'cards grid'}>
          {model.cards.map((c, i) => (
            <Card card={c} level={2} priority={i === 0} />
          ))}
        </div>
      )}
      <Pager newer={model.newerHref} older={model.olderHref} />
    </div>
  );
}

/** Every country with stories, by edition (region). */
export function CountriesPage({ groups, breadcrumbs }: { groups: { title: string; links: LinkView[] }[]; breadcrumbs: LinkView[] }) {
  return (
    <div class="listing">
      <Breadcrumbs items={breadcrumbs} />
      <h1>Countries</h1>
      {groups.length === 0 ? <p>No stories here yet.</p> : ''}
      {groups.map((g, i) => (
        <section class="country-group" aria-labelledby={`countries-${i}`}>
          <h2 id={`countries-${i}`} safe>
            {g.title}
          </h2>
          <LinkList links={g.links} />
        </section>
      ))}
    </div>
  );
}

export function StaticPage({ title, bodyHtml }: { title: string; bodyHtml: string }) {
  const safeBody = bodyHtml;
  return (
    <article class="static-page">
      <h1 safe>{title}</h1>
      <div class="body">{safeBody}</div>
    </article>
  );
}

export function MessagePage({ title, message, links = [] }: { title: string; message: string; links?: LinkView[] }) {
  return (
    <div class="message-page">
      <h1 safe>{title}</h1>
      <p safe>{message}</p>
      {links.length ? <LinkList links={links} /> : ''}
    </div>
  );
}
