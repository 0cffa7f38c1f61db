import sanitizeHtml from 'sanitize-html';

/** The one allow-list for article and page bodies, from editors and agencies alike: semantic
 *  text, links, images, and embeds only from known video hosts. */
const bodyPolicy: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'h2',
    'h3',
    'h4',
    'ul',
    'ol',
    'li',
    'blockquote',
    'figure',
    'figcaption',
    'img',
    'a',
    'strong',
    'em',
    'b',
    'i',
    'u',
    's',
    'sub',
    'sup',
    'br',
    'hr',
    'abbr',
    'cite',
    'q',
    'code',
    'pre',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'caption',
    'iframe',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'width', 'height', 'loading'],
    abbr: ['title'],
    th: ['scope', 'colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
    iframe: ['src', 'title', 'width', 'height', 'allowfullscreen'],
  },
  allowedSchemes: ['https', 'http', 'mailto'],
  allowedSchemesByTag: { img: ['https', 'http'] },
  allowProtocolRelative: false,
  allowedIframeHostnames: ['www.youtube-nocookie.com', 'www.youtube.com', 'player.vimeo.com'],
  transformTags: {
    // Outbound links never get the opener and say they are not endorsements.
    a: (tagName, attribs) => ({
      tagName,
      attribs: /^https?:/i.test(attribs.href ?? '') ? { ...attribs, rel: 'noopener nofollow' } : attribs,
    }),
    // Images only from an absolute http(s) address or a path on this site.
    img: (tagName, attribs) => {
      const { src, ...rest } = attribs;
      return { tagName, attribs: src && /^(https?:\/\/|\/(?!\/))/i.test(src) ? { ...rest, src } : rest };
    },
  },
  // Dropped with their text: sanitize-html's own list, and a whole page's <title> (agencies
  // sometimes send a full HTML page as an item's body).
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title'],
  // An embed from a host not on the list, or an image without an address, goes entirely.
  exclusiveFilter: (frame) => (frame.tag === 'iframe' || frame.tag === 'img') && !frame.attribs.src,
};

/** Sanitised body HTML, safe to render as-is, and left as it is by sanitising it again. */
export function sanitizeBody(html: string): string {
  // Dropping a disallowed element keeps its content, and the parser closes elements by what is
  // open around them: "<object><tr></tr></object>" inside a <tr> leaves "<tr><tr></tr></tr>",
  // which reads as two rows the next time. Passes until nothing changes (one more, nearly always).
  let clean = sanitizeHtml(html, bodyPolicy).trim();
  for (let pass = 0; pass < 4; pass += 1) {
    const again = sanitizeHtml(clean, bodyPolicy).trim();
    if (again === clean) break;
    clean = again;
  }
  return clean;
}

/** Plain text of an HTML fragment (for word counts, snippets, search). */
export function textOf(html: string): string {
  const spaced = html.replace(/<\/(p|h[1-6]|li|blockquote|figcaption|td|th|pre)>|<br\s*\/?>/gi, ' $&');
  const text = sanitizeHtml(spaced, { allowedTags: [], allowedAttributes: {} });
  return decodeBasicEntities(text).replace(/\s+/g, ' ').trim();
}

/** Plain paragraphs as body HTML. */
export function paragraphsToHtml(paragraphs: readonly string[]): string {
  return paragraphs.map((p) => `<p>${escapeText(p)}</p>`).join('\n');
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// sanitize-html escapes only these when it writes text.
function decodeBasicEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);
}
