import { trendingArticles } from '../audience/reads.js';
import { listArticles, type ArticleSummary } from '../content/articles.js';
import type { Edition } from '../content/taxonomy.js';
import type { DB } from '../db/connect.js';
import type { Directory } from '../content/directory.js';
import { longDate } from '../presentation/format.js';
import { captionFor, cardOf } from '../presentation/presenters.js';
import { absoluteUrl, editionPath, jpegImagePath } from '../presentation/urls.js';
import { localDate } from '../util/time-zones.js';

/*
 * The daily digest of one edition: the day's top stories and what is being read, plus, for a
 * reader who chose sectors, the day's stories in those. `composeDigest` takes a snapshot of the
 * stories (kept with the issue, so a resumed send sends the same thing); `renderDigest` makes
 * one reader's message from it: an HTML part built for mail clients (tables, inline styles,
 * colours that survive dark mode, images with width and height) and a plain-text part.
 */

export interface DigestStory {
  headline: string;
  standfirst: string;
  /** Absolute. */
  url: string;
  label: string;
  image: { src: string; width: number; height: number; alt: string; caption: string } | null;
}

export interface DigestContent {
  siteName: string;
  siteUrl: string;
  publisherName: string;
  contactEmail: string;
  /** The publisher's postal address (one line), shown in every digest's footer. */
  postalAddress?: string;
  edition: { slug: string; name: string; url: string };
  /** The edition's local date, YYYY-MM-DD, and as words ("Sunday, 29 November 2026"). */
  issueDate: string;
  dateLabel: string;
  top: DigestStory[];
  trending: DigestStory[];
  sectors: { slug: string; name: string; stories: DigestStory[] }[];
}

export const TOP_STORIES = 6;
export const TRENDING_STORIES = 5;
export const SECTOR_STORIES = 3;
/** Widths the digest shows images at (the message is 600 px wide). */
const LEAD_WIDTH = 560;
const THUMB_WIDTH = 120;

/** Snapshots the stories of the digest of `edition` at `now`: published in the 24 hours before it. */
export async function composeDigest(
  db: DB,
  options: { edition: Edition; dir: Directory; siteUrl: string; now?: Date; halfLifeHours?: number },
): Promise<DigestContent> {
  const { edition, dir, siteUrl } = options;
  const now = options.now ?? new Date();
  const since = new Date(now.getTime() - 24 * 3_600_000).toISOString();
  const to = now.toISOString();
  // The default edition's front page is the whole site's: so is its digest.
  const editionFilter = edition.isDefault ? {} : { edition: edition.slug };
  const top = (await listArticles(db, { kind: 'news', from: since, to, limit: TOP_STORIES, ...editionFilter })).items;
  const trending = await trendingArticles(db, {
    editionId: edition.isDefault ? undefined : edition.id,
    limit: TRENDING_STORIES,
    exclude: top.map((a) => a.id),
    halfLifeHours: options.halfLifeHours,
    now,
  });
  const sectors: DigestContent['sectors'] = [];
  for (const sector of dir.sectors) {
    const stories = (await listArticles(db, { sector: sector.slug, kind: 'news', from: since, to, limit: SECTOR_STORIES, ...editionFilter })).items;
    if (stories.length) sectors.push({ slug: sector.slug, name: sector.name, stories: stories.map((a) => storyOf(a, dir, siteUrl)) });
  }
  return {
    siteName: dir.settings.siteName,
    siteUrl,
    publisherName: dir.settings.publisherName,
    contactEmail: dir.settings.contactEmail,
    postalAddress: dir.settings.postalAddress.replace(/\s*\n\s*/g, ', '),
    edition: { slug: edition.slug, name: edition.name, url: absoluteUrl(siteUrl, editionPath(edition.slug, edition.isDefault)) },
    issueDate: localDate(now, edition.timeZone),
    dateLabel: longDate(now, edition.timeZone),
    top: top.map((a) => storyOf(a, dir, siteUrl)),
    trending: trending.map((a) => storyOf(a, dir, siteUrl)),
    sectors,
  };
}

/** True when there is nothing to send. */
export const isEmptyDigest = (c: DigestContent) => c.top.length === 0 && c.trending.length === 0;

function storyOf(a: ArticleSummary, dir: Directory, siteUrl: string): DigestStory {
  const card = cardOf(a, dir);
  return {
    headline: a.headline,
    standfirst: card.standfirst,
    url: absoluteUrl(siteUrl, card.href),
    label: [card.country?.label, card.sector?.label].filter(Boolean).join(' · '),
    image: a.hero
      ? {
          src: absoluteUrl(siteUrl, jpegImagePath(a.hero.file, 640)),
          width: a.hero.width,
          height: a.hero.height,
          alt: a.hero.altText,
          caption: captionFor(a.hero),
        }
      : null,
  };
}

export const digestSubject = (c: DigestContent) =>
  `${c.siteName} ${c.edition.name}: ${c.top[0]?.headline ?? c.trending[0]?.headline ?? 'today\u2019s stories'}`.slice(0, 200);

export interface Recipient {
  /** Sector slugs the reader chose. */
  sectors: string[];
  preferencesUrl: string;
  unsubscribeUrl: string;
  /** A test message for an editor: says so at the top. */
  test?: boolean;
}

export interface RenderedDigest {
  subject: string;
  html: string;
  text: string;
}

// Colours: mid-tones with enough contrast on white, and a dark-mode block for clients that
// honour prefers-color-scheme; clients that invert colours on their own get no pure black or
// white text on a transparent background to lose.
const C = {
  page: '#eef1f3',
  card: '#ffffff',
  ink: '#1f2a30',
  muted: '#4d5a61',
  accent: '#0b4f6c',
  accentInk: '#ffffff',
  line: '#d5dbdf',
};
const FONT = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;";

const darkStyle = `
:root{color-scheme:light dark;supported-color-schemes:light dark}
@media (prefers-color-scheme: dark){
.wd-page{background-color:#11181c !important}
.wd-card{background-color:#1b2429 !important}
.wd-ink,.wd-ink a{color:#e8eef1 !important}
.wd-muted{color:#b3c0c7 !important}
.wd-link{color:#8fd3f0 !important}
.wd-line{border-color:#33424a !important}
}
@media only screen and (max-width:620px){
.wd-card{width:100% !important}
.wd-lead{width:100% !important;height:auto !important}
}`;

function Story({ story, lead }: { story: DigestStory; lead: boolean }) {
  const img = story.image;
  const leadHeight = img ? Math.round((LEAD_WIDTH * img.height) / img.width) : 0;
  const thumbHeight = img ? Math.round((THUMB_WIDTH * img.height) / img.width) : 0;
  const text = (
    <>
      <a
        href={story.url}
        class="wd-link"
        style={`${FONT}color:${C.accent};font-size:${lead ? 22 : 17}px;line-height:1.3;font-weight:700;text-decoration:none;`}
        safe
      >
        {story.headline}
      </a>
      {story.label ? (
        <p class="wd-muted" style={`${FONT}margin:4px 0 0;color:${C.muted};font-size:12px;text-transform:uppercase;letter-spacing:.04em;`} safe>
          {story.label}
        </p>
      ) : (
        ''
      )}
      {story.standfirst ? (
        <p class="wd-ink" style={`${FONT}margin:6px 0 0;color:${C.ink};font-size:15px;line-height:1.5;`} safe>
          {story.standfirst}
        </p>
      ) : (
        ''
      )}
    </>
  );
  if (lead && img) {
    return (
      <tr>
        <td style="padding:0 20px 20px;">
          <a href={story.url}>
            <img
              class="wd-lead"
              src={img.src}
              width={String(LEAD_WIDTH)}
              height={String(leadHeight)}
              alt={img.alt}
              style={`display:block;width:${LEAD_WIDTH}px;max-width:100%;height:auto;border:0;background-color:${C.line};`}
            />
          </a>
          <p class="wd-muted" style={`${FONT}margin:4px 0 10px;color:${C.muted};font-size:12px;`} safe>
            {img.caption}
          </p>
          {text}
        </td>
      </tr>
    );
  }
  return (
    <tr>
      <td style="padding:0 20px 16px;">
        <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border={0}>
          <tr>
            {img ? (
              <td valign="top" style={`width:${THUMB_WIDTH + 12}px;padding:0 12px 0 0;`}>
                <a href={story.url}>
                  <img
                    src={img.src}
                    width={String(THUMB_WIDTH)}
                    height={String(thumbHeight)}
                    alt={img.alt}
                    style={`display:block;width:${THUMB_WIDTH}px;height:${thumbHeight}px;border:0;background-color:${C.line};`}
                  />
                </a>
              </td>
            ) : (
              ''
            )}
            <td valign="top">{text}</td>
          </tr>
        </table>
      </td>
    </tr>
  );
}

function Heading({ title, first = false }: { title: string; first?: boolean }) {
  const rule = first ? 'padding:20px 20px 12px;' : `padding:8px 20px 12px;border-top:1px solid ${C.line};`;
  return (
    <tr>
      <td class="wd-ink wd-line" style={`${FONT}${rule}color:${C.ink};font-size:13px;font-weight:700;text-transform:uppercase;letter-spacing:.06em;`} safe>
        {title}
      </td>
    </tr>
  );
}

/** One reader's message. */
export function renderDigest(content: DigestContent, recipient: Recipient): RenderedDigest {
  const subject = `${recipient.test ? '[Test] ' : ''}${digestSubject(content)}`;
  const chosen = content.sectors.filter((s) => recipient.sectors.includes(s.slug));
  const preheader = content.top[0]?.standfirst ?? content.trending[0]?.standfirst ?? '';
  const why = `You receive this because you subscribed to the ${content.edition.name} digest of ${content.siteName}.`;
  const safeStyle = `<style>${darkStyle}</style>`;
  const html =
    '<!doctype html>' +
    (
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="color-scheme" content="light dark" />
          <meta name="supported-color-schemes" content="light dark" />
          <title safe>{subject}</title>
          {safeStyle}
        </head>
        <body class="wd-page" style={`margin:0;padding:0;background-color:${C.page};`}>
          <div style="display:none;max-height:0;overflow:hidden;mso-hide:all;" safe>
            {preheader}
          </div>
          <table
            role="presentation"
            class="wd-page"
            width="100%"
            cellpadding="0"
            cellspacing="0"
            border={0}
            bgcolor={C.page}
            style={`background-color:${C.page};`}
          >
            <tr>
              <td align="center" style="padding:16px 8px;">
                <table
                  role="presentation"
                  class="wd-card"
                  width="600"
                  cellpadding="0"
                  cellspacing="0"
                  border={0}
                  bgcolor={C.card}
                  style={`width:600px;max-width:600px;background-color:${C.card};`}
                >
                  {recipient.test ? (
                    <tr>
                      <td style={`${FONT}padding:10px 20px;background-color:#fff3a3;color:#1f2a30;font-size:14px;`}>
                        Test message: the links to preferences and unsubscribing do nothing.
                      </td>
                    </tr>
                  ) : (
                    ''
                  )}
                  <tr>
                    <td style={`${FONT}padding:18px 20px;background-color:${C.accent};color:${C.accentInk};`}>
                      <a href={content.edition.url} style={`color:${C.accentInk};text-decoration:none;font-size:24px;font-weight:700;`} safe>
                        {content.siteName}
                      </a>
                      <p style={`margin:4px 0 0;color:${C.accentInk};font-size:14px;`} safe>
                        {`${content.edition.name} edition · ${content.dateLabel}`}
                      </p>
                    </td>
                  </tr>
                  {content.top.length ? (
                    <>
                      <Heading title="Top stories" first />
                      {content.top.map((s, i) => (
                        <Story story={s} lead={i === 0} />
                      ))}
                    </>
                  ) : (
                    ''
                  )}
                  {content.trending.length ? (
                    <>
                      <Heading title="Trending" first={content.top.length === 0} />
                      {content.trending.map((s) => (
                        <Story story={s} lead={false} />
                      ))}
                    </>
                  ) : (
                    ''
                  )}
                  {chosen.map((sector) => (
                    <>
                      <Heading title={`In your sectors: ${sector.name}`} />
                      {sector.stories.map((s) => (
                        <Story story={s} lead={false} />
                      ))}
                    </>
                  ))}
                  <tr>
                    <td
                      class="wd-muted wd-line"
                      style={`${FONT}padding:16px 20px 20px;border-top:1px solid ${C.line};color:${C.muted};font-size:13px;line-height:1.5;`}
                    >
                      <p style="margin:0 0 8px;" safe>
                        {why}
                      </p>
                      <p style="margin:0 0 8px;">
                        <a class="wd-link" href={recipient.preferencesUrl} style={`color:${C.accent};`}>
                          Change editions and sectors
                        </a>
                        {' · '}
                        <a class="wd-link" href={recipient.unsubscribeUrl} style={`color:${C.accent};`}>
                          Unsubscribe
                        </a>
                      </p>
                      <p style="margin:0;" safe>
                        {`${content.publisherName}${content.postalAddress ? `, ${content.postalAddress}` : ''}${content.contactEmail ? ` · ${content.contactEmail}` : ''}`}
                      </p>
                    </td>
                  </tr>
                </table>
              </td>
            </tr>
          </table>
        </body>
      </html>
    );
  return { subject, html, text: renderText(content, recipient, chosen, why) };
}

function renderText(content: DigestContent, recipient: Recipient, chosen: DigestContent['sectors'], why: string): string {
  const lines: string[] = [];
  if (recipient.test) lines.push('TEST MESSAGE: the links to preferences and unsubscribing do nothing.', '');
  lines.push(`${content.siteName}: ${content.edition.name} edition`, content.dateLabel, '');
  const block = (title: string, stories: DigestStory[]) => {
    if (!stories.length) return;
    lines.push(title.toUpperCase(), '');
    stories.forEach((s, i) => {
      lines.push(`${i + 1}. ${s.headline}`);
      if (s.standfirst) lines.push(`   ${s.standfirst}`);
      lines.push(`   ${s.url}`, '');
    });
  };
  block('Top stories', content.top);
  block('Trending', content.trending);
  for (const sector of chosen) block(`In your sectors: ${sector.name}`, sector.stories);
  lines.push(
    '--',
    why,
    `Change editions and sectors: ${recipient.preferencesUrl}`,
    `Unsubscribe: ${recipient.unsubscribeUrl}`,
    [content.publisherName, content.postalAddress].filter(Boolean).join(', '),
  );
  return `${lines.join('\n')}\n`;
}
