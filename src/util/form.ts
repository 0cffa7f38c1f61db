/** Submitted form fields, as parsers hand them over: a string, an array when repeated, or absent. */

/** The field's text (the first value when repeated), at most `max` characters. */
export const formText = (value: unknown, max = 10_000): string =>
  (typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : '').slice(0, max);

/** Every text value of a field that may repeat (checkboxes, multiple selects), at most `max` of them. */
export const formList = (value: unknown, max = 100): string[] =>
  (value === undefined ? [] : Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string').slice(0, max);

/** A field as sent, but an empty one (a date left blank) is no value. */
export const given = (value: unknown): unknown => (value === '' ? undefined : value);
