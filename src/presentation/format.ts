import { zoneAbbreviationAt, type Edition } from '../content/taxonomy.js';
import { zoneFormatter as formatter } from '../util/time-zones.js';

type Zone = Pick<Edition, 'timeZone' | 'tzAbbreviation' | 'tzAbbreviationDst'>;

function parts(iso: string, timeZone: string) {
  const p = formatter(timeZone, {
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(iso));
  const get = (type: string) => p.find((x) => x.type === type)?.value ?? '';
  return { day: get('day'), month: get('month'), year: get('year'), hour: get('hour'), minute: get('minute') };
}

/** "29-11-2026 21:26 IST": the byline's time format, in the edition's zone. */
export function bylineTime(iso: string, zone: Zone): string {
  const t = parts(iso, zone.timeZone);
  return `${t.day}-${t.month}-${t.year} ${t.hour}:${t.minute} ${zoneAbbreviationAt(zone, new Date(iso))}`;
}

/** "Sunday, 29 November 2026": today's date for the header, in the edition's zone. */
export function longDate(at: Date, timeZone: string): string {
  return formatter(timeZone, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(at);
}

/** "29 Nov 2026": short dates on cards. */
export function shortDate(iso: string, timeZone: string): string {
  return formatter(timeZone, { day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(iso));
}

/** The first `max` words of a text, with an ellipsis when cut. */
export function firstWords(text: string, max: number): string {
  const words = text.trim().split(/\s+/);
  return words.length <= max ? words.join(' ') : `${words.slice(0, max).join(' ')}…`;
}

/** "A, B and C". */
export { listOfNames } from '../util/names.js';
