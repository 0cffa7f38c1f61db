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
 * Parses untrusted XML: no DTD (a DOCTYPE is refused outright, so no external entity and no
 * entity expansion can happen), well-formedness checked, nesting depth bounded. Only the five
 * predefined entities and numeric references are decoded.
 */
export function parseXml(source: string, rawNodes: string[] = []): Record<string, unknown> {
  if (source.length > MAX_INPUT_BYTES) throw new WireFormatError(`The input is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB.`);
  if (/<!DOCTYPE/i.test(source)) throw new WireFormatError('The XML document has a DOCTYPE; documents with a DTD are refused (no external entities).');
  if (/<!ENTITY/i.test(source)) throw new WireFormatError('The XML document declares entities; they are refused.');
  const valid = XMLValidator.validate(source);
  if (valid !== true) throw new WireFormatError(`The XML is not well-formed: ${valid.err.msg} (line ${valid.err.line}).`);
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
