import { sql, type ColumnDefinitionBuilder, type Expression, type Migration } from 'kysely';
import type { DatabaseKind } from '../connect.js';

/** A migration written once for both databases; it receives the dialect for the few column
 *  types that differ. */
export type MigrationFactory = (kind: DatabaseKind) => Migration;

export function columnTypes(kind: DatabaseKind) {
  return {
    /** Surrogate key. SQLite's AUTOINCREMENT and PostgreSQL's identity both never reuse an id,
     *  so a deleted article's URL can never point at a new story. */
    id: (c: ColumnDefinitionBuilder) => (kind === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity()),
    /** A point in time, UTC. */
    time: (kind === 'sqlite' ? 'text' : 'timestamptz') as 'text',
    /** CHECK (column IN (...)) with literal values, portable to both databases. */
    oneOf: (column: string, values: readonly string[]): Expression<any> => sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`,
  };
}
