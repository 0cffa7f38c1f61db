import type { TestDatabase } from '../helpers/databases.js';
import { addStory } from '../helpers/fixtures.js';
import { deskUser } from '../newsroom/desk.js';
import type { FuzzContext } from './core.js';
import { openSuite } from '../helpers/suite.js';

const WORDS = ['solar', 'water', 'health', 'clinic', 'mini grid', 'school', 'harvest', 'Ω', 'é', '٣'];

/** A small newsroom to fuzz against: the test taxonomy, a dozen published stories in several kinds, an editor, and the app. */
export async function fuzzContext(testDb: TestDatabase): Promise<FuzzContext> {
  const { store, app } = await openSuite(testDb, { app: true });
  for (const [i, word] of WORDS.entries()) {
    await addStory(store.db, {
      kind: i % 3 === 0 ? 'opinion' : 'news',
      headline: `Fuzz story ${i} about ${word} and ${WORDS[(i + 3) % WORDS.length]}`,
      body: `<p>The ${word} project "${WORDS[(i + 1) % WORDS.length]}" reached ${i * 100} homes.</p><p>More about ${word}.</p>`,
      sectors: [i % 2 ? 'health' : 'energy'],
      countries: [i % 2 ? 'IN' : 'KE'],
    });
  }
  await deskUser(store.db, 'editor');
  await app.ready();
  return { kind: testDb.kind, db: store.db, app };
}
