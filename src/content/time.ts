/** Times are handled as ISO-8601 UTC strings with milliseconds ("2026-11-29T15:56:08.000Z"):
 *  that one shape sorts correctly as text in SQLite and parses as timestamptz in PostgreSQL. */
export type IsoTime = string;

export function toIso(value: Date | string | number): IsoTime {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a valid time: ${String(value)}`);
  return date.toISOString();
}

export const nowIso = (): IsoTime => new Date().toISOString();
