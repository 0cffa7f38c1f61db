import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { WireFormatError } from './item.js';

export const MAX_INPUT_BYTES = 10 * 1024 * 1024;
const MAX_DEPTH = 64;

/** Bytes to text, honouring a BOM or the encoding the XML declaration names. */
export function decode(input: Buffer | string): string {
  if (typeof input === 'string') return input;
  if (input.length > MAX_INPUT_BYTES) throw new WireFormatError(`The input is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB.`);
  if (input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf) return input.subarray(3).toString('utf8');
  if (input[0] === 0xff && input[1] === 0xfe) return new TextDecoder('utf-16le').decode(input.subarray(2));
  if (input[0] === 0xfe && input[1] === 0xff) return new TextDecoder('utf-16be').decode(input.subarray(2));
  const declared = /^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(input.subarray(0, 200).toString('latin1'))?.[1];
  if (declared && !/^utf-?8$/i.test(declared)) {
    try {
      return new TextDecoder(declared).decode(input);
    } catch {
      throw new WireFormatError(`The document declares an encoding we cannot read: ${declared}.`);
    }
  }
  return input.toString('utf8');
}

/**
 * The first document type or entity declaration in the markup, or null. Text inside CDATA
 * sections and comments is character data, not markup: an agency shipping a whole HTML page
 * (`<!DOCTYPE html>` and all) as an item's body in CDATA declares nothing. An unterminated CDATA
 * section or comment runs to the end (the document is then refused as truncated).
 */
export function declarationIn(source: string): 'DOCTYPE' | 'ENTITY' | null {
  for (const m of source.matchAll(/<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<!--[\s\S]*?(?:-->|$)|<!(DOCTYPE|ENTITY)/gi)) {
    if (m[1]) return m[1].toUpperCase() as 'DOCTYPE' | 'ENTITY';
  }
  return null;
}

/**
 * Parses untrusted XML: no DTD (a document type declaration is refused outright, so no external
 * entity and no entity expansion can happen), well-formedness checked, nesting depth bounded.
 * Only the five predefined entities and numeric references are decoded.
 */
export function parseXml(source: string, rawNodes: string[] = []): Record<string, unknown> {
  if (source.length > MAX_INPUT_BYTES) throw new WireFormatError(`The input is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB.`);
  const declared = declarationIn(source);
  if (declared === 'DOCTYPE') throw new WireFormatError('The XML document has a DOCTYPE; documents with a DTD are refused (no external entities).');
  if (declared === 'ENTITY') throw new WireFormatError('The XML document declares entities; they are refused.');
  const valid = XMLValidator.validate(source);
  if (valid !== true) throw new WireFormatError(truncation(source) ?? `The XML is not well-formed: ${valid.err.msg} (line ${valid.err.line}).`);
  checkDepth(source);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    processEntities: true,
    htmlEntities: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    stopNodes: rawNodes,
  });
  try {
    return parser.parse(source) as Record<string, unknown>;
  } catch (error) {
    // The validator passes some documents the parser then refuses (an XML declaration cut or
    // spoilt: `encoding=#UTF-8"`); its plain Error is a document we cannot read like any other.
    throw new WireFormatError(`The XML cannot be read: ${(error as Error).message}`);
  }
}

const lineAt = (source: string, index: number) => {
  let line = 1;
  for (let i = source.indexOf('\n'); i !== -1 && i < index; i = source.indexOf('\n', i + 1)) line += 1;
  return line;
};

/**
 * Why a document that is not well-formed looks cut off, naming what is left open and the line
 * it was opened on; null when it is not a truncation (the validator's own message is used then).
 * Only reached for a document already refused, so its cost does not matter.
 */
export function truncation(source: string): string | null {
  const open: { name: string; at: number }[] = [];
  // A tag's text holds no '<' (nor does an attribute value), so each match stops at the next
  // '<' or '>': one pass over the input, whatever it holds.
  const pattern = /<!\[CDATA\[|<!--|<\?|<(\/?)([A-Za-z_][\w.:-]*)[^<>]*?(\/?)(>|(?=<)|$)/g;
  let m: RegExpExecArray | null;
  while ((m = pattern.exec(source))) {
    const at = m.index;
    const ends = m[0] === '<![CDATA[' ? ']]>' : m[0] === '<!--' ? '-->' : m[0] === '<?' ? '?>' : null;
    if (ends) {
      const end = source.indexOf(ends, at + m[0].length);
      if (end === -1) {
        const what = m[0] === '<![CDATA[' ? 'a CDATA section' : m[0] === '<!--' ? 'a comment' : 'a processing instruction';
        return `The XML ends inside ${what} opened on line ${lineAt(source, at)}${open.length ? `, within <${open.at(-1)!.name}>` : ''}: the document looks cut off.`;
      }
      pattern.lastIndex = end + ends.length;
      continue;
    }
    const [, closing, name, selfClosing, end] = m;
    if (end !== '>') {
      // A tag with no '>': cut off at the end of the input, or broken before the next '<'.
      if (pattern.lastIndex < source.length) return null;
      return `The XML ends inside the tag <${closing}${name} on line ${lineAt(source, at)}: the document looks cut off.`;
    }
    if (selfClosing === '/') continue;
    if (closing === '/') {
      if (open.at(-1)?.name !== name) return null;
      open.pop();
    } else {
      open.push({ name: name!, at });
    }
  }
  const last = open.at(-1);
  if (!last) return null;
  return `The XML ends before <${last.name}> opened on line ${lineAt(source, last.at)} is closed: the document looks cut off.`;
}

function checkDepth(source: string) {
  let depth = 0;
  // Tags only: comments, CDATA and processing instructions are skipped by the pattern.
  for (const m of source.matchAll(/<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<(\/?)[A-Za-z_][^>]*?(\/?)>/g)) {
    if (m[1] === undefined) continue;
    if (m[1] === '/') depth -= 1;
    else if (m[2] !== '/') depth += 1;
    if (depth > MAX_DEPTH) throw new WireFormatError(`The XML is nested deeper than ${MAX_DEPTH} levels.`);
  }
}

/** Parses untrusted JSON with a size and nesting-depth limit. */
export function parseJson(source: string): unknown {
  if (source.length > MAX_INPUT_BYTES) throw new WireFormatError(`The input is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB.`);
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    throw new WireFormatError(`The JSON is not valid: ${(error as Error).message}`);
  }
  const depthOf = (v: unknown, d: number): number => {
    if (d > MAX_DEPTH) throw new WireFormatError(`The JSON is nested deeper than ${MAX_DEPTH} levels.`);
    if (v && typeof v === 'object') for (const child of Object.values(v)) depthOf(child, d + 1);
    return d;
  };
  depthOf(value, 0);
  return value;
}
