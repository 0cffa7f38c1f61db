/** A few helpers for writing well-formed XML by hand: escaping, CDATA and elements. */

/** Characters XML 1.0 does not allow anywhere (C0 controls other than tab, LF and CR, lone
 *  surrogates, U+FFFE and U+FFFF). */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** The text with every character that XML 1.0 forbids removed. */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML_CHAR, '');
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** What escaping or xmlSafe may change (surrogates too, paired or not: they take the long way). */
const NEEDS_WORK = /[&<>"'\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Escapes text for use as element content or as an attribute value (either quote style). */
export function escapeXml(text: string): string {
  // Most text (every URL and time of a sitemap) has nothing to escape: checked in one pass.
  if (!NEEDS_WORK.test(text)) return text;
  return xmlSafe(text).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** A CDATA section holding `text` exactly; a "]]>" inside is split across two sections. */
export function cdata(text: string): string {
  return `<![CDATA[${xmlSafe(text).replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

export type Attributes = Record<string, string | number | boolean | null | undefined>;

function attributes(attrs: Attributes): string {
  let out = '';
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined) continue;
    out += ` ${name}="${escapeXml(String(value))}"`;
  }
  return out;
}

/** An element whose content is already XML (other elements, or escaped text). Empty content
 *  gives a self-closing tag. */
export function element(name: string, attrs: Attributes, inner = ''): string {
  return inner === '' ? `<${name}${attributes(attrs)}/>` : `<${name}${attributes(attrs)}>${inner}</${name}>`;
}

/** An element holding plain text, escaped. */
export function textElement(name: string, text: string, attrs: Attributes = {}): string {
  return `<${name}${attributes(attrs)}>${escapeXml(text)}</${name}>`;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
