import type { Article, ArticleInput } from '../../src/content/articles.js';
import {
  createArticle,
  publishArticle,
  scheduleArticle,
  submitForReview,
  unpublishArticle,
  type PublishOptions,
  type TextOrigin,
} from '../../src/content/lifecycle.js';
import { saveEdition, saveSector } from '../../src/content/taxonomy.js';
import type { DB } from '../../src/db/connect.js';

/** Two editions and three sectors, enough to file test stories. */
export async function smallTaxonomy(db: DB): Promise<void> {
  await saveEdition(db, { slug: 'global', name: 'Global', timeZone: 'UTC', locale: 'en', tzAbbreviation: 'UTC', isDefault: true }, testActor());
  await saveEdition(db, { slug: 'south-asia', name: 'South Asia', timeZone: 'Asia/Kolkata', locale: 'en-IN', tzAbbreviation: 'IST', position: 1 }, testActor());
  await saveSector(db, { slug: 'health', name: 'Health' }, testActor());
  await saveSector(db, { slug: 'education', name: 'Education', position: 1 }, testActor());
  await saveSector(db, { slug: 'energy', name: 'Energy', position: 2 }, testActor());
}

let counter = 0;

/** A valid news story's input; override what the test is about. */
export function story(overrides: Partial<ArticleInput> = {}): ArticleInput {
  counter += 1;
  return {
    kind: 'news',
    headline: `Test Story Number ${counter}`,
    standfirst: 'A short summary of the test story.',
    body: '<p>First paragraph.</p><p>Second paragraph.</p>',
    datelineCity: 'New Delhi',
    countries: ['IN'],
    sectors: ['health'],
    ...overrides,
  };
}

/** An ISO time `minutes` after a fixed start, for stories with known order. */
export const at = (minutes: number) => new Date(Date.UTC(2026, 10, 1, 0, 0) + minutes * 60_000).toISOString();

export const testActor = (name = 'test') => ({ name, userId: null });

export interface StoryState {
  /** Published unless said otherwise. */
  status?: 'draft' | 'review' | 'scheduled' | 'published' | 'unpublished';
  scheduledFor?: string;
  actor?: string;
  now?: string;
  publish?: PublishOptions;
  /** Who wrote the text: a person (the default), a model, or the agency. */
  textBy?: TextOrigin;
}

/** Creates a story through the lifecycle's commands, as the desk would, in the state asked for. */
export async function addStory(db: DB, overrides: Partial<ArticleInput> = {}, state: StoryState = {}): Promise<Article> {
  const ctx = { actor: testActor(state.actor), now: state.now };
  const status = state.status ?? 'published';
  const input = story(overrides);
  if (status === 'published' || status === 'unpublished') {
    const article = await createArticle(db, input, ctx, { publish: state.publish ?? { via: 'desk', reviewed: true }, textBy: state.textBy ?? 'person' });
    return status === 'unpublished' ? unpublishArticle(db, article.id, ctx) : article;
  }
  const article = await createArticle(db, input, ctx, { textBy: state.textBy ?? 'person' });
  if (status === 'review') return submitForReview(db, article.id, ctx);
  if (status === 'scheduled') return scheduleArticle(db, article.id, state.scheduledFor!, ctx, state.publish);
  return article;
}

export { publishArticle, unpublishArticle };
