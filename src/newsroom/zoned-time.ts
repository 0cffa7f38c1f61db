import { storableIso } from '../util/bounds.js';

/** The newsroom's forms take times as datetime-local values in an edition's own zone. */

/** A UTC instant as a datetime-local value in an IANA zone (the schedule form's default). */
export function zonedLocalValue(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/** Converts a datetime-local value in an IANA zone to a UTC instant; null when it is not one, or
 *  not one the databases store (years 0001–9999 in UTC, src/util/bounds.ts). */
export function zonedLocalToIso(local: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const asUtc = utc(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!);
  // The zone's offset at that moment, found by formatting the guess back (twice, for DST edges).
  let guess = asUtc;
  for (let i = 0; i < 2; i++) {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' }).formatToParts(new Date(guess));
    const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
    const shown = utc(get('year'), get('month'), get('day'), get('hour'), get('minute'));
    guess = asUtc - (shown - guess);
  }
  return storableIso(guess);
}

/** Milliseconds of a UTC wall time; not Date.UTC, which reads the years 0–99 as 1900–1999. */
const utc = (year: number, month: number, day: number, hour: number, minute: number) => new Date(0).setUTCFullYear(year, month - 1, day) + (hour * 60 + minute) * 60_000;
