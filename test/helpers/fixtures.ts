import type { ArticleInput } from '../../src/content/articles.js';
import { saveEdition, saveSector } from '../../src/content/taxonomy.js';
import type { DB } from '../../src/db/connect.js';

/** Two editions and three sectors, enough to file test stories. */
export async function smallTaxonomy(db: DB): Promise<void> {
  await saveEdition(db, { slug: 'global', name: 'Global', timeZone: 'UTC', locale: 'en', tzAbbreviation: 'UTC', isDefault: true });
  await saveEdition(db, { slug: 'south-asia', name: 'South Asia', timeZone: 'Asia/Kolkata', locale: 'en-IN', tzAbbreviation: 'IST', position: 1 });
  await saveSector(db, { slug: 'health', name: 'Health' });
  await saveSector(db, { slug: 'education', name: 'Education', position: 1 });
  await saveSector(db, { slug: 'energy', name: 'Energy', position: 2 });
}

let counter = 0;

/** A valid published news story; override what the test is about. */
export function story(overrides: Partial<ArticleInput> = {}): ArticleInput {
  counter += 1;
  return {
    kind: 'news',
    status: 'published',
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
