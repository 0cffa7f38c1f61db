import { z } from 'zod';
import { articleKinds, type Article, type ArticleInput, type ArticleSummary } from '../../content/articles.js';
import { textOf } from '../../content/html.js';
import type { Directory } from '../../content/directory.js';
import { bylineTime } from '../../presentation/format.js';
import { bylineNames, editionOf } from '../../presentation/presenters.js';
import { articlePath } from '../../presentation/urls.js';
import type { ArticleRow } from '../article-list-views.js';
import type { ArticleFormModel } from '../article-form-views.js';
import { list, text } from '../desk-input.js';
import { countriesFromForm } from '../editor-input.js';
import { deskUrls } from '../../presentation/desk-urls.js';

/** The article screens' view models: a row of a list, and the editor's form (and what it sends). */

export const articleRowOf = (a: ArticleSummary, dir: Directory): ArticleRow => ({
  id: a.id,
  headline: a.headline,
  kind: a.kind,
  status: a.status,
  byline: bylineNames(a.byline),
  when: bylineTime(
    a.status === 'scheduled' && a.scheduledFor ? a.scheduledFor : a.status === 'published' ? (a.publishedAt ?? a.updatedAt) : a.updatedAt,
    editionOf(dir, a),
  ),
  editHref: deskUrls.article({ id: a.id }),
  publicHref: a.status === 'published' ? articlePath(a) : null,
});

export type ArticleFormValues = ArticleFormModel['values'];

/** The editor's fields as sent (the domain checks their values). */
const whole = text(Infinity);
export const articleFormFields = z.object({
  kind: whole,
  headline: whole,
  standfirst: whole,
  body: whole,
  datelineCity: whole,
  bylineDesk: whole,
  authors: whole,
  edition: whole,
  // Ticked boxes send ISO codes; older forms and scripts send them separated by commas in one field.
  countries: list(Infinity).transform((codes) => codes.flatMap((c) => c.split(/[\s,;]+/)).filter(Boolean)),
  countryNames: whole,
  sectors: list(Infinity),
  aiInvolvement: whole,
  heroMediaId: whole,
});
/** The same with the version the editor was opened at (a save of an older one is a conflict). */
export const articleEditFields = articleFormFields.extend({ version: whole.transform(Number) });

/** The edit form's fields as an article change. */
export function articleInputFrom(form: ArticleFormValues, dir: Directory): Partial<ArticleInput> {
  const authors = form.authors
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  const hero = form.heroMediaId.trim();
  return {
    kind: form.kind as ArticleInput['kind'],
    headline: form.headline,
    standfirst: form.standfirst,
    body: form.body,
    datelineCity: form.datelineCity,
    byline: authors.length ? { authors: authors.map((name) => ({ name, userId: null })) } : { desk: form.bylineDesk.trim() || 'News Desk' },
    edition: form.edition || undefined,
    countries: countriesFromForm(form.countries, form.countryNames, [...dir.countryByCode.values()]),
    sectors: form.sectors,
    aiInvolvement: (form.aiInvolvement || 'none') as ArticleInput['aiInvolvement'],
    heroMediaId: /^\d+$/.test(hero) ? Number(hero) : null,
  };
}

/** Headlines and standfirsts longer than search results show. */
function lengthWarnings(headline: string, standfirst: string): string[] {
  const w: string[] = [];
  if (headline.length > 70) w.push(`The headline has ${headline.length} characters; search results show about 60–70.`);
  if (standfirst.length > 160) w.push(`The standfirst has ${standfirst.length} characters; search results show about 155–160.`);
  return w;
}

const valuesOfArticle = (article: Article, dir: Directory): ArticleFormValues => ({
  kind: article.kind,
  headline: article.headline,
  standfirst: article.standfirst,
  body: article.body,
  datelineCity: article.datelineCity,
  bylineDesk: 'desk' in article.byline ? article.byline.desk : '',
  authors: 'authors' in article.byline ? article.byline.authors.map((a) => a.name).join(', ') : '',
  edition: editionOf(dir, article).slug,
  countries: article.countries,
  countryNames: '',
  sectors: article.sectors,
  aiInvolvement: article.aiInvolvement,
  heroMediaId: article.hero ? String(article.hero.id) : '',
});

const blank = (dir: Directory): ArticleFormValues => ({
  kind: 'news',
  headline: '',
  standfirst: '',
  body: '',
  datelineCity: '',
  bylineDesk: 'News Desk',
  authors: '',
  edition: dir.defaultEdition.slug,
  countries: [],
  countryNames: '',
  sectors: [],
  aiInvolvement: 'none',
  heroMediaId: '',
});

/** The editor's form: the article (or a new one), with what was sent over it when it is shown again. */
export function articleFormModel(
  dir: Directory,
  csrfToken: string,
  article: Article | null,
  values?: Partial<ArticleFormValues>,
  errors: string[] = [],
): ArticleFormModel {
  const v = { ...(article ? valuesOfArticle(article, dir) : blank(dir)), ...values };
  return {
    action: article ? deskUrls.article({ id: article.id }) : deskUrls.articles(),
    csrfToken,
    version: article?.version ?? null,
    values: v,
    options: {
      kinds: articleKinds.map((k) => ({ value: k, label: k })),
      editions: dir.editions.map((e) => ({ value: e.slug, label: e.name })),
      sectors: dir.sectors.map((s) => ({ value: s.slug, label: s.name })),
      countries: [...dir.countryByCode.values()].map((c) => ({ value: c.code, label: c.name })),
    },
    errors,
    status: article?.status ?? null,
    heroPicker: article ? deskUrls.heroPicker({ id: article.id }) : null,
    autosave: article && (article.status === 'draft' || article.status === 'review') ? deskUrls.autosave({ id: article.id }) : null,
    wordCount: textOf(v.body).split(' ').filter(Boolean).length,
    warnings: lengthWarnings(v.headline, v.standfirst),
  };
}
