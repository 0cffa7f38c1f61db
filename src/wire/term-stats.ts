import { sql } from 'kysely';
import type { DB } from '../db/connect.js';
import { documentTerms, type TermStats, type TextProfile } from './similarity.js';

/**
 * Document frequencies over the stored agency items (table wire_terms; the empty term counts
 * the items), read for the terms a comparison needs and counted up in the transaction that
 * stores each new item, so a run stopped half-way and started again decides as an unbroken one.
 */

const TOTAL = '';
const CHUNK = 400;

/** The frequencies of every term the given profiles use. */
export async function termStats(db: DB, profiles: readonly TextProfile[]): Promise<TermStats> {
  const terms = [...new Set([TOTAL, ...profiles.flatMap((p) => documentTerms(p))])];
  const df = new Map<string, number>();
  for (const chunk of chunks(terms)) {
    for (const r of await db.selectFrom('wire_terms').select(['term', 'documents']).where('term', 'in', chunk).execute()) df.set(r.term, Number(r.documents));
  }
  return { documents: df.get(TOTAL) ?? 0, frequency: (t) => df.get(t) ?? 0 };
}

/**
 * Counts a new item's terms and answers with the frequencies the other stored items give them:
 * the count and the lookup in one statement. Terms go in one order, so concurrent writers on
 * PostgreSQL wait for each other rather than deadlock.
 */
export async function countTerms(trx: DB, profile: TextProfile): Promise<TermStats> {
  const terms = [TOTAL, ...documentTerms(profile)].sort();
  const df = new Map<string, number>();
  for (const chunk of chunks(terms)) {
    // One plain statement: a hundred rows through the query builder cost more than the upsert.
    const { rows } = await sql<{
      term: string;
      documents: number | string;
    }>`insert into wire_terms (term, documents) values ${sql.join(chunk.map((term) => sql`(${term}, 1)`))}
      on conflict (term) do update set documents = wire_terms.documents + 1 returning term, documents`.execute(trx);
    for (const r of rows) df.set(r.term, Number(r.documents) - 1);
  }
  return { documents: df.get(TOTAL) ?? 0, frequency: (t) => df.get(t) ?? 0 };
}

function chunks<T>(list: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}
