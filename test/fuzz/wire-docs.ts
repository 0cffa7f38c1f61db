import fc from 'fast-check';
import { generateDemoWire, type DemoWireVariant } from '../../src/demo/demo-wire.js';

/*
 * Wire documents for the fuzz targets: small real documents from the demo generator in every
 * variant (RSS, Atom, JSON Feed, ninjs 1 and 2, NewsML-G2 with XHTML and with NITF), cut into
 * their items so that one item can be spoilt while the rest stay as they were, and arbitraries
 * for spoiling them: structurally (items removed, duplicated or replaced by random but
 * well-formed content) and as bytes (flips, truncation, DOCTYPE and entities, NUL bytes, huge
 * attributes, other encodings).
 */

export const ITEMS_PER_DOCUMENT = 3;

/** An XML document as its head, its item elements and its tail; JSON as its parsed value. */
export type WireDoc =
  | { variant: DemoWireVariant; kind: 'xml'; head: string; items: string[]; tail: string; itemTag: string }
  | { variant: DemoWireVariant; kind: 'jsonfeed'; shell: Record<string, unknown>; items: unknown[] }
  | { variant: DemoWireVariant; kind: 'ninjs'; items: unknown[] };

const ITEM_TAG: Partial<Record<DemoWireVariant, string>> = { rss: 'item', atom: 'entry', 'newsml-g2': 'newsItem', 'newsml-g2-nitf': 'newsItem' };

function cut(variant: DemoWireVariant, text: string): WireDoc | null {
  if (variant === 'jsonfeed') {
    const { items, ...shell } = JSON.parse(text) as { items: unknown[] };
    return { variant, kind: 'jsonfeed', shell, items: items.slice(0, ITEMS_PER_DOCUMENT) };
  }
  if (variant === 'ninjs1' || variant === 'ninjs2') return { variant, kind: 'ninjs', items: (JSON.parse(text) as unknown[]).slice(0, ITEMS_PER_DOCUMENT) };
  const tag = ITEM_TAG[variant]!;
  const pattern = new RegExp(`<${tag}[\\s>][\\s\\S]*?</${tag}>`, 'g');
  const found = [...text.matchAll(pattern)];
  if (!found.length) return null;
  const first = found[0]!;
  const last = found.at(-1)!;
  return {
    variant,
    kind: 'xml',
    itemTag: tag,
    head: text.slice(0, first.index),
    items: found.slice(0, ITEMS_PER_DOCUMENT).map((m) => m[0]),
    tail: text.slice(last.index + last[0].length),
  };
}

/** The document as text. */
export function render(doc: WireDoc): string {
  if (doc.kind === 'xml') return doc.head + doc.items.join('\n') + doc.tail;
  if (doc.kind === 'jsonfeed') return JSON.stringify({ ...doc.shell, items: doc.items }, null, 1);
  return JSON.stringify(doc.items, null, 1);
}

let corpus: WireDoc[] | null = null;

/** Up to two small documents of every variant the demo generator writes (the same every time). */
export function wireCorpus(): WireDoc[] {
  if (corpus) return corpus;
  const docs: WireDoc[] = [];
  const perVariant = new Map<DemoWireVariant, number>();
  for (const seed of [3, 11]) {
    for (const file of generateDemoWire({ items: 160, seed }).files) {
      if ((perVariant.get(file.variant) ?? 0) >= 2) continue;
      const doc = cut(file.variant, file.render());
      if (!doc || doc.items.length < 2) continue;
      perVariant.set(file.variant, (perVariant.get(file.variant) ?? 0) + 1);
      docs.push(doc);
    }
  }
  corpus = docs;
  return docs;
}

// ── Random content ──────────────────────────────────────────────────────────

const escapeXml = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** XML 1.0 forbids most control characters even as references: keep the text well-formed. */
const xmlSafe = (t: string) => t.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udfff]/g, '');

/** Odd but telling values: dates, versions, urgencies, URLs, statuses, markup, sizes. */
export const oddValue = fc.constantFrom(
  '',
  ' ',
  '0',
  '-1',
  '1',
  '2',
  '9',
  '10',
  '1e309',
  'NaN',
  '99999999999999999999',
  '3.5',
  'abc',
  '2026-11-02T05:00:00Z',
  '2026-02-30T00:00:00Z',
  '0000-01-01T00:00:00Z',
  '+275760-09-13T00:00:00Z',
  'Mon, 32 Nov 2026 99:00:00 GMT',
  'tomorrow',
  'https://img.example/a.jpg',
  'http://img.example/b.png',
  'javascript:alert(1)',
  'data:image/png;base64,AAAA',
  '//evil.example/x.jpg',
  'https://',
  'image/jpeg',
  'image/',
  'text/html',
  'text/plain',
  'xhtml',
  'html',
  'text',
  'application/xhtml+xml',
  'application/nitf+xml',
  'enclosure',
  'stat:usable',
  'stat:withheld',
  'stat:canceled',
  'withheld',
  'cancelled',
  'usable',
  'en',
  'ZZ',
  'in',
  'IN',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<p>ok</p>',
  '&amp;',
  '&#0;',
  '&#xD800;',
  '&#1114112;',
  ']]>',
  'Agence Presse Wire',
  'Jane Doe',
  'x'.repeat(600),
  'y'.repeat(3000),
);

const textValue = fc.oneof(
  { weight: 3, arbitrary: oddValue },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
);

const XML_NAMES = [
  // RSS
  'title',
  'link',
  'guid',
  'description',
  'content:encoded',
  'pubDate',
  'dc:creator',
  'dc:date',
  'dc:publisher',
  'source',
  'category',
  'enclosure',
  'media:content',
  'media:thumbnail',
  'media:description',
  'media:credit',
  'media:copyright',
  'author',
  'item',
  'channel',
  'language',
  // Atom
  'id',
  'summary',
  'content',
  'updated',
  'published',
  'name',
  'contributor',
  'entry',
  'div',
  // NewsML-G2 and NITF
  'itemMeta',
  'contentMeta',
  'contentSet',
  'inlineXML',
  'inlineData',
  'headline',
  'by',
  'located',
  'urgency',
  'subject',
  'provider',
  'versionCreated',
  'firstCreated',
  'pubStatus',
  'embargoed',
  'edNote',
  'rightsInfo',
  'copyrightHolder',
  'creditline',
  'newsItem',
  'itemSet',
  'nitf',
  'body',
  'body.content',
  'body.head',
  'html',
  'p',
  'script',
  'a',
  'img',
];
const XML_ATTRIBUTES = [
  'type',
  'url',
  'href',
  'rel',
  'term',
  'guid',
  'version',
  'qcode',
  'literal',
  'contenttype',
  'tag',
  'src',
  'xml:lang',
  'isPermaLink',
  'onclick',
  'title',
  'xmlns',
];

interface XmlElement {
  name: string;
  attributes: [string, string][];
  children: (XmlElement | { text: string; cdata: boolean })[];
}

const { element: xmlElement } = fc.letrec<{ element: XmlElement; node: XmlElement | { text: string; cdata: boolean } }>((tie) => ({
  element: fc.record({
    name: fc.constantFrom(...XML_NAMES),
    attributes: fc.array(fc.tuple(fc.constantFrom(...XML_ATTRIBUTES), textValue), { maxLength: 3 }),
    children: fc.array(tie('node'), { maxLength: 4 }),
  }),
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.record({ text: textValue, cdata: fc.boolean() }), tie('element')),
}));

function xmlOf(node: XmlElement | { text: string; cdata: boolean }): string {
  if ('text' in node) return node.cdata ? `<![CDATA[${xmlSafe(node.text).replace(/]]>/g, ']] >')}]]>` : escapeXml(xmlSafe(node.text));
  const attributes = [...new Map(node.attributes)].map(([k, v]) => ` ${k}="${escapeXml(xmlSafe(v))}"`).join('');
  return `<${node.name}${attributes}>${node.children.map(xmlOf).join('')}</${node.name}>`;
}

/** A random well-formed element named `name`, its content built from the formats' own vocabulary. */
export const randomXmlElement = (name: string) =>
  fc.array(xmlElement, { maxLength: 6 }).map((children) => `<${name}>${children.map(xmlOf).join('')}</${name}>`);

/** A whole random XML document under one of the roots the parser knows, or another. */
export const randomXmlDocument = fc
  .tuple(
    fc.constantFrom('rss', 'feed', 'newsItem', 'newsMessage', 'html', 'rdf:RDF'),
    fc.constantFrom('channel', 'entry', 'itemSet', 'item', 'newsItem', 'body'),
    fc.constantFrom('item', 'entry', 'newsItem'),
    fc.boolean(),
  )
  .chain(([root, middle, leaf, declared]) =>
    fc
      .array(randomXmlElement(leaf), { maxLength: 4 })
      .map((items) => `${declared ? '<?xml version="1.0" encoding="UTF-8"?>\n' : ''}<${root}><${middle}>${items.join('')}</${middle}></${root}>`),
  );

const NINJS_KEYS = [
  'guid',
  'uri',
  'id',
  'version',
  'versioncreated',
  'firstcreated',
  'pubstatus',
  'urgency',
  'language',
  'provider',
  'copyrightholder',
  'infosources',
  'headline',
  'headlines',
  'description_text',
  'descriptions',
  'body_html',
  'bodies',
  'body_text',
  'byline',
  'by',
  'located',
  'places',
  'subject',
  'subjects',
  'associations',
  'embargoed',
  'ednote',
  'renditions',
  'type',
  'value',
  'contenttype',
  'name',
  'code',
  'countrycode',
  'href',
];
const JSONFEED_KEYS = [
  'id',
  'url',
  'title',
  'summary',
  'content_html',
  'content_text',
  'date_published',
  'date_modified',
  'authors',
  'author',
  'name',
  'tags',
  'image',
  'language',
];

const jsonLeaf = fc.oneof(textValue, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const jsonOf = (keys: string[]) =>
  fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      jsonLeaf,
      fc.array(tie('value'), { maxLength: 3 }),
      fc.dictionary(fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 8 })), tie('value'), { maxKeys: 6 }),
    ),
  })).value;

/** A random JSON value whose keys are mostly those of ninjs or JSON Feed items. */
export const randomNinjsValue = jsonOf(NINJS_KEYS);
export const randomJsonFeedValue = jsonOf(JSONFEED_KEYS);

/** A random item of the document's kind: well-formed, but anything inside. */
export function randomItemFor(doc: WireDoc): fc.Arbitrary<unknown> {
  if (doc.kind === 'xml') return randomXmlElement(doc.itemTag);
  return doc.kind === 'jsonfeed' ? randomJsonFeedValue : randomNinjsValue;
}

// ── Mutations ───────────────────────────────────────────────────────────────

/** Changes to the document's structure that keep it well-formed. */
export type StructuralMutation = { op: 'remove' | 'duplicate'; index: number } | { op: 'replace'; index: number; item: unknown };

export function applyStructural(doc: WireDoc, mutation: StructuralMutation): WireDoc {
  const items = [...doc.items] as unknown[];
  const i = mutation.index % items.length;
  if (mutation.op === 'remove') items.splice(i, 1);
  else if (mutation.op === 'duplicate') items.splice(i, 0, items[i]);
  else if (mutation.op === 'replace') items[i] = mutation.item;
  return { ...doc, items } as WireDoc;
}

export const structuralMutation = (doc: WireDoc): fc.Arbitrary<StructuralMutation> =>
  fc.oneof(
    fc.record({ op: fc.constantFrom('remove' as const, 'duplicate' as const), index: fc.nat() }),
    fc.record({ op: fc.constant('replace' as const), index: fc.nat(), item: randomItemFor(doc) }),
  );

// Long injections by name, so that a counterexample prints short; expanded when applied.
const HUGE_ATTRIBUTE = '⟪huge attribute⟫';
const HUGE_TITLE = '⟪huge title attribute⟫';
const DEEP_XML = '⟪80 nested <p>⟫';
const DEEP_JSON_ARRAY = '⟪80 nested [⟫';
const DEEP_JSON_OBJECT = '⟪80 nested {⟫';
const EXPANSIONS: Record<string, () => string> = {
  [HUGE_ATTRIBUTE]: () => `<a x="${'a'.repeat(200_000)}">`,
  [HUGE_TITLE]: () => ` title="${'t'.repeat(50_000)}"`,
  [DEEP_XML]: () => '<p>'.repeat(80),
  [DEEP_JSON_ARRAY]: () => '['.repeat(80),
  [DEEP_JSON_OBJECT]: () => '{"a":'.repeat(80),
};

/** What is injected into the text: markup, declarations, entities, NUL, huge attributes. */
const injection = fc.oneof(
  fc.constantFrom(
    '<!DOCTYPE rss [<!ENTITY x "y">]>',
    '<!doctype html>',
    '<!ENTITY lol "lol">',
    '&lol;',
    '&amp;',
    '&#0;',
    '&#x0;',
    '&#xD800;',
    '&#1114112;',
    '&nbsp;',
    '&',
    '\u0000',
    '\u0000\u0000\u0000',
    '\ufeff',
    '\ud800',
    '<![CDATA[',
    ']]>',
    '<!--',
    '-->',
    '<?xml version="1.0"?>',
    '<?php ?>',
    '</item>',
    '<item>',
    '</entry>',
    '<entry>',
    '<newsItem guid="x">',
    '</newsItem>',
    '"',
    "'",
    '<',
    '>',
    '{',
    '}',
    '[',
    ']',
    ',',
    ':',
    '"\\u0000"',
    '\\',
    '\\ud800',
    '"items":null',
    'null',
    '1e999',
    HUGE_ATTRIBUTE,
    HUGE_TITLE,
    DEEP_XML,
    DEEP_JSON_ARRAY,
    DEEP_JSON_OBJECT,
  ),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

/** Changes to the bytes: any of them may make the document unreadable. */
export type ByteMutation =
  | { op: 'flip'; at: number; bit: number }
  | { op: 'truncate'; at: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'delete'; at: number; length: number }
  | { op: 'encoding'; as: 'utf16le-bom' | 'utf16be-bom' | 'latin1-declared' | 'bogus-declared' | 'utf16-declared' | 'bom-then-latin1' | 'utf8-bom' };

export const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  { weight: 3, arbitrary: fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: injection }) },
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({
    op: fc.constant('encoding' as const),
    as: fc.constantFrom(
      'utf16le-bom' as const,
      'utf16be-bom' as const,
      'latin1-declared' as const,
      'bogus-declared' as const,
      'utf16-declared' as const,
      'bom-then-latin1' as const,
      'utf8-bom' as const,
    ),
  }),
);

const swapBytes = (b: Buffer) => {
  const out = Buffer.from(b);
  for (let i = 0; i + 1 < out.length; i += 2) [out[i], out[i + 1]] = [out[i + 1]!, out[i]!];
  return out;
};
const declare = (text: string, encoding: string) =>
  /^<\?xml[^>]*\?>/.test(text)
    ? text.replace(/^<\?xml[^>]*\?>/, `<?xml version="1.0" encoding="${encoding}"?>`)
    : `<?xml version="1.0" encoding="${encoding}"?>${text}`;

export function applyBytes(input: Buffer, mutation: ByteMutation): Buffer {
  const at = 'at' in mutation ? mutation.at % (input.length + 1) : 0;
  switch (mutation.op) {
    case 'flip': {
      if (!input.length) return input;
      const out = Buffer.from(input);
      out[at % out.length]! ^= 1 << mutation.bit;
      return out;
    }
    case 'truncate':
      return input.subarray(0, at);
    case 'insert':
      return Buffer.concat([
        input.subarray(0, at),
        Buffer.from(Object.hasOwn(EXPANSIONS, mutation.text) ? EXPANSIONS[mutation.text]!() : mutation.text, 'utf8'),
        input.subarray(at),
      ]);
    case 'delete':
      return Buffer.concat([input.subarray(0, at), input.subarray(at + mutation.length)]);
    case 'encoding': {
      const text = input.toString('utf8');
      if (mutation.as === 'utf16le-bom') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
      if (mutation.as === 'utf16be-bom') return Buffer.concat([Buffer.from([0xfe, 0xff]), swapBytes(Buffer.from(text, 'utf16le'))]);
      if (mutation.as === 'latin1-declared') return Buffer.from(declare(text, 'ISO-8859-1'), 'latin1');
      if (mutation.as === 'bogus-declared') return Buffer.from(declare(text, 'x-no-such-encoding'), 'utf8');
      if (mutation.as === 'utf16-declared') return Buffer.from(declare(text, 'UTF-16'), 'utf8');
      if (mutation.as === 'bom-then-latin1') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'latin1')]);
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), input]);
    }
  }
}

export interface MutatedDocument {
  /** The corpus document's index, and its variant (for the reader of a counterexample). */
  doc: number;
  variant: DemoWireVariant;
  structural: StructuralMutation | undefined;
  bytes: ByteMutation[];
}

/** A demo document, perhaps changed in its structure, then changed in its bytes up to `maxBytes` times. */
export const mutatedDocument = (maxBytes = 3): fc.Arbitrary<MutatedDocument> =>
  fc.integer({ min: 0, max: wireCorpus().length - 1 }).chain((doc) =>
    fc.record({
      doc: fc.constant(doc),
      variant: fc.constant(wireCorpus()[doc]!.variant),
      structural: fc.option(structuralMutation(wireCorpus()[doc]!), { nil: undefined }),
      bytes: fc.array(byteMutation, { minLength: 1, maxLength: maxBytes }),
    }),
  );

/** The bytes a mutated document stands for. */
export function mutatedBytes(m: MutatedDocument): Buffer {
  const doc = wireCorpus()[m.doc]!;
  return m.bytes.reduce(applyBytes, Buffer.from(render(m.structural ? applyStructural(doc, m.structural) : doc), 'utf8'));
}
