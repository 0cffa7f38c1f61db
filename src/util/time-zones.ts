import { storableIso } from './bounds.js';

/** Time-zone arithmetic in one place. Intl knows the zones' rules; these functions turn its
 *  answers into local dates, local times and offsets, and a local time back into an instant. */

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Building an Intl.DateTimeFormat costs far more than using one: keep one per zone and shape. */
export function zoneFormatter(timeZone: string, options: Intl.DateTimeFormatOptions, locale = 'en-GB'): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formatters.set(key, f);
  }
  return f;
}

/** Whether Intl knows `zone` as an IANA time zone. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const partsOf = (f: Intl.DateTimeFormat, at: Date) => {
  const parts = f.formatToParts(at);
  return (type: string) => parts.find((p) => p.type === type)?.value ?? '';
};

/** Milliseconds of a UTC wall time; not Date.UTC, which reads the years 0–99 as 1900–1999. */
const utc = (year: number, month: number, day: number, hour: number, minute: number) =>
  new Date(0).setUTCFullYear(year, month - 1, day) + (hour * 60 + minute) * 60_000;

/** The wall-clock time (to the minute) that `at` shows in `timeZone`, as if that were UTC. */
function wallClockMs(timeZone: string, at: Date): number {
  const get = partsOf(
    zoneFormatter(timeZone, { hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' }, 'en-US'),
    at,
  );
  return utc(Number(get('year')), Number(get('month')), Number(get('day')), Number(get('hour')), Number(get('minute')));
}

/** The zone's offset from UTC at `at`, in minutes (330 in Kolkata, −300 in New York in winter). */
export function utcOffsetMinutes(timeZone: string, at: Date): number {
  return Math.round((wallClockMs(timeZone, at) - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/** The local calendar date of an instant in `timeZone`, YYYY-MM-DD. */
export function localDate(at: Date, timeZone: string): string {
  const get = partsOf(zoneFormatter(timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }, 'en-CA'), at);
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Minutes since local midnight in `timeZone`. */
export function localMinutes(at: Date, timeZone: string): number {
  const get = partsOf(zoneFormatter(timeZone, { hourCycle: 'h23', hour: '2-digit', minute: '2-digit' }), at);
  return Number(get('hour') || 0) * 60 + Number(get('minute') || 0);
}

/** The newsroom's forms take times as datetime-local values in an edition's own zone. */

/** A UTC instant as a datetime-local value in an IANA zone (the schedule form's default). */
export function zonedLocalValue(iso: string, timeZone: string): string {
  const get = partsOf(
    zoneFormatter(timeZone, { hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }, 'en-CA'),
    new Date(iso),
  );
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/** Converts a datetime-local value in an IANA zone to a UTC instant; null when it is not one
 *  (a date that does not exist, such as 30 February, is refused, not rolled into March), or
 *  not one the databases store (years 0001–9999 in UTC, src/util/bounds.ts). */
export function zonedLocalToIso(local: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const [year, month, day, hour, minute] = [+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!];
  if (hour > 23 || minute > 59) return null;
  const asUtc = utc(year, month, day, hour, minute);
  const check = new Date(asUtc);
  if (check.getUTCMonth() + 1 !== month || check.getUTCDate() !== day) return null;
  // The zone's offset at that moment, found by formatting the guess back (twice, for DST edges).
  let guess = asUtc;
  for (let i = 0; i < 2; i++) guess = asUtc - (wallClockMs(timeZone, new Date(guess)) - guess);
  return storableIso(guess);
}
