import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { paragraphsToHtml } from '../src/content/html.js';
import { listCountries, listSectors } from '../src/content/taxonomy.js';
import { openDatabase } from '../src/ops/bootstrap.js';
import type { Store } from '../src/db/connect.js';
import { seededRandom } from '../src/content/illustration.js';
import { seedDemo } from '../src/demo/seed.js';
import { storyTemplates } from '../src/demo/stories.js';
import { referenceEditions } from '../src/content/reference-taxonomy.js';
import { createArticle } from '../src/content/lifecycle.js';

/** A fresh SQLite database with the demo newsroom plus `extra` generated published articles
 *  spread over the last 90 days, as the benchmarks' corpus. */
export async function benchCorpus(extra: number): Promise<{ store: Store; dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiredesk-bench-'));
  const store = await openDatabase({ database: { kind: 'sqlite', file: path.join(dataDir, 'wiredesk.db') } });
  await seedDemo(store.db, { dataDir });
  const countries = (await listCountries(store.db)).filter((c) => c.editionId !== null);
  const sectors = (await listSectors(store.db)).map((s) => s.slug);
  const rand = seededRandom(7);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)]!;
  const now = Date.now();
  const times = Array.from({ length: extra }, () => now - Math.floor(rand() * 90 * 86_400_000)).sort((a, b) => a - b);
  await store.db.transaction().execute(async (trx) => {
    for (const [i, t] of times.entries()) {
      const template = pick(storyTemplates);
      const country = pick(countries);
      await createArticle(
        trx,
        {
          kind: template.kind,
          headline: `${template.headline.replaceAll('{country}', country.name).replaceAll('{capital}', country.capitals[0] ?? '')} (${i})`,
          standfirst: template.standfirst.replaceAll('{country}', country.name),
          body: paragraphsToHtml(template.paragraphs),
          edition: pick(referenceEditions).slug,
          countries: [country.code],
          sectors: [template.sector, pick(sectors)],
          sources: [{ agency: 'Meridian News Agency', itemId: `BENCH-${i}`, version: 1 }],
          aiInvolvement: 'assisted',
        },
        { actor: { name: 'bench', userId: null }, now: new Date(t).toISOString() },
        { publish: { via: 'desk', reviewed: true }, textBy: 'person' },
      );
    }
  });
  return { store, dataDir };
}
