import fc from 'fast-check';
import { Parser } from 'htmlparser2';

/*
 * For the sanitiser's fuzz target: random HTML built from the pieces attacks are made of, and a
 * check of sanitised output that reads it with an HTML parser (htmlparser2, the one sanitize-html
 * itself uses) rather than by pattern: every element and attribute must be on the allow-list, and
 * every address must have a harmless scheme once entities are decoded and the whitespace and
 * control characters a browser ignores are dropped.
 */

const ALLOWED: Record<string, string[]> = {
  p: [],
  h2: [],
  h3: [],
  h4: [],
  ul: [],
  ol: [],
  li: [],
  blockquote: [],
  figure: [],
  figcaption: [],
  strong: [],
  em: [],
  b: [],
  i: [],
  u: [],
  s: [],
  sub: [],
  sup: [],
  br: [],
  hr: [],
  cite: [],
  q: [],
  code: [],
  pre: [],
  table: [],
  thead: [],
  tbody: [],
  tr: [],
  caption: [],
  a: ['href', 'title', 'rel'],
  img: ['src', 'alt', 'width', 'height', 'loading'],
  abbr: ['title'],
  th: ['scope', 'colspan', 'rowspan'],
  td: ['colspan', 'rowspan'],
  iframe: ['src', 'title', 'width', 'height', 'allowfullscreen'],
};
const IFRAME_HOSTS = new Set(['www.youtube-nocookie.com', 'www.youtube.com', 'player.vimeo.com']);

/** What a browser makes of an attribute's address before it reads the scheme (entities are decoded already). */
const normalisedUrl = (value: string) =>
  value
    .replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '')
    .replace(/[\t\n\r]/g, '')
    .toLowerCase();
const schemeOf = (value: string) => /^([a-z][a-z0-9+.-]*):/.exec(normalisedUrl(value))?.[1] ?? null;

/** Everything in sanitised HTML that could run script, style the page or frame another site; empty when it is safe. */
export function unsafeParts(html: string): string[] {
  const problems: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const allowed = ALLOWED[name];
        if (!allowed) return void problems.push(`element <${name}>`);
        for (const [attribute, value] of Object.entries(attributes)) {
          if (!allowed.includes(attribute)) problems.push(`attribute ${attribute} on <${name}>`);
          if (attribute !== 'href' && attribute !== 'src') continue;
          const scheme = schemeOf(value);
          const schemes = name === 'a' ? ['http', 'https', 'mailto'] : ['http', 'https'];
          if (scheme !== null && !schemes.includes(scheme)) problems.push(`${scheme}: address in ${attribute} of <${name}>`);
          if (name === 'img' && scheme === null && !/^\/(?!\/)/.test(normalisedUrl(value))) problems.push(`relative image address ${JSON.stringify(value)}`);
          if (name === 'iframe') {
            let host = '';
            try {
              host = new URL(value).hostname;
            } catch {
              // not an absolute address
            }
            if (!IFRAME_HOSTS.has(host)) problems.push(`iframe from ${JSON.stringify(value)}`);
          }
        }
      },
      onprocessinginstruction(name) {
        problems.push(`declaration or instruction ${name}`);
      },
      oncomment() {
        problems.push('comment');
      },
      oncdatastart() {
        problems.push('CDATA section');
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: false },
  );
  parser.write(html);
  parser.end();
  // A belt to the parser's braces: no raw markup of a dangerous element, whatever a parser makes of it.
  const raw = /<\s*\/?\s*(script|style|object|embed|svg|math|template|noscript|form|input|link|meta|base|frame|xmp|plaintext|textarea|title)\b/i.exec(html);
  if (raw) problems.push(`raw <${raw[1]}`);
  return problems;
}

// ── Random HTML ─────────────────────────────────────────────────────────────

const TAGS = [
  'p',
  'a',
  'img',
  'iframe',
  'strong',
  'em',
  'table',
  'td',
  'tr',
  'th',
  'li',
  'ul',
  'pre',
  'code',
  'blockquote',
  'figure',
  'br',
  'abbr',
  'q',
  'script',
  'style',
  'object',
  'embed',
  'svg',
  'math',
  'mglyph',
  'malignmark',
  'mtext',
  'form',
  'input',
  'button',
  'textarea',
  'title',
  'noscript',
  'template',
  'xmp',
  'plaintext',
  'select',
  'option',
  'base',
  'meta',
  'link',
  'div',
  'span',
  'frame',
  'frameset',
  'body',
  'html',
  'head',
  'video',
  'audio',
  'source',
  'details',
  'marquee',
  'isindex',
  'noembed',
  'noframes',
  'image',
  'foreignObject',
  'desc',
  'annotation-xml',
  'SCRIPT',
  'ScRiPt',
  'IFRAME',
  'x:script',
  'svg:a',
];
const ATTRIBUTES = [
  'href',
  'src',
  'srcdoc',
  'style',
  'onclick',
  'onerror',
  'onload',
  'ONLOAD',
  'onmouseover',
  'xlink:href',
  'formaction',
  'action',
  'data',
  'background',
  'cite',
  'title',
  'alt',
  'rel',
  'target',
  'width',
  'height',
  'allowfullscreen',
  'srcset',
  'poster',
  'lowsrc',
  'dynsrc',
  'id',
  'class',
  'name',
  'http-equiv',
  'content',
  'scope',
  'colspan',
  'is',
];
const URLS = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'java&#x09;script:alert(1)',
  '&#106;avascript:alert(1)',
  'jav&#x0A;ascript:alert(1)',
  '\u0000javascript:alert(1)',
  'javascript&colon;alert(1)',
  'javascript&#58;alert(1)',
  '&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'data:image/png;base64,AAAA',
  'data:image/svg+xml,<svg onload=alert(1)>',
  'vbscript:msgbox(1)',
  'livescript:x',
  'file:///etc/passwd',
  'https://www.youtube.com/embed/x',
  'https://www.youtube-nocookie.com/embed/x',
  'https://player.vimeo.com/video/1',
  'https://www.youtube.com.evil.example/',
  'https://evil.example/?www.youtube.com',
  '//www.youtube.com/embed/x',
  'https://evil.example/',
  'http://ok.example/a.png',
  '/local.png',
  '//evil.example/x.png',
  '/\\evil.example/x.png',
  'mailto:x@example.org',
  '#frag',
  '?q=1',
  'x.png',
  '',
  ' ',
  'http://ok.example/" onerror="alert(1)',
  "https://ok.example/' onload='alert(1)",
  'expression(alert(1))',
  'url(javascript:alert(1))',
  '<script>alert(1)</script>',
];

const quoted = fc
  .tuple(
    fc.constantFrom('"', "'", '', '`'),
    fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...URLS) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) }),
  )
  .map(([q, v]) => `${q}${v}${q}`);
const attribute = fc
  .tuple(fc.constantFrom(...ATTRIBUTES), fc.option(quoted, { nil: undefined }), fc.constantFrom(' ', '\t', '\n', '/', ' \u0000'))
  .map(([name, value, gap]) => `${gap}${name}${value === undefined ? '' : `=${value}`}`);

const piece: fc.Arbitrary<string> = fc.letrec<{ html: string }>((tie) => ({
  html: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom(
        '<',
        '>',
        '&',
        '&amp;',
        '&lt;script&gt;',
        '&#0;',
        '&#x3c;',
        '"',
        "'",
        '</',
        '<!--',
        '-->',
        '--!>',
        '<!---->',
        '<![CDATA[',
        ']]>',
        '<?xml?>',
        '<!x>',
        '\u0000',
        '\ufeff',
        '\ud800',
        '<<',
        '</p',
        '<p',
        '/>',
        '<br/>',
        '</br>',
        '</p>',
      ),
    ),
    fc
      .tuple(
        fc.constantFrom(...TAGS),
        fc.array(attribute, { maxLength: 3 }),
        fc.array(tie('html'), { maxLength: 3 }),
        fc.constantFrom('close', 'open', 'self', 'wrong'),
      )
      .map(([tag, attributes, children, end]) => {
        const open = `<${tag}${attributes.join('')}${end === 'self' ? '/' : ''}>`;
        return open + children.join('') + (end === 'close' ? `</${tag}>` : end === 'wrong' ? '</p>' : '');
      }),
  ),
})).html;

/** Random HTML: mostly fragments of elements, attributes and addresses attacks use; some plain random text. */
export const randomHtml = fc.oneof(
  { weight: 5, arbitrary: fc.array(piece, { maxLength: 8 }).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
);
