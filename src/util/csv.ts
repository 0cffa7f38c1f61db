/* CSV as spreadsheets read it (RFC 4180, CRLF line ends), for the newsroom's exports. */

/** One cell: quoted when it holds a quote, comma or line break; a cell a spreadsheet would run as a
 *  formula (= + - @, tab, carriage return first) is prefixed with an apostrophe. */
export function csvCell(value: string): string {
  const v = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** One line, with its CRLF. */
export const csvRow = (cells: readonly string[]): string => `${cells.map(csvCell).join(',')}\r\n`;
