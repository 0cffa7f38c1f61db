import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sanitizeBody } from '../../src/content/html.js';
import type { Store } from '../../src/db/connect.js';
import { articlePath } from '../../src/presentation/urls.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { addStory } from '../helpers/fixtures.js';
import { openSuite } from '../helpers/suite.js';

/** Well-known XSS vectors (OWASP cheat sheet, browser quirks, mutation XSS). */
export const XSS_PAYLOADS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<img src="javascript:alert(1)">',
  '<img src=`javascript:alert(1)`>',
  '<IMG SRC=JaVaScRiPt:alert(1)>',
  '<img src=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)>',
  '<img src="jav\tascript:alert(1);">',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<body onload=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe src="https://evil.example/"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="JAVASCRIPT:alert(1)">x</a>',
  '<a href="  javascript:alert(1)">x</a>',
  '<a href="java&#x09;script:alert(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<a href="#" onclick="alert(1)">x</a>',
  '<a href="https://ok.example" onmouseover="alert(1)">x</a>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<p style="x:expression(alert(1))">x</p>',
  '<style>@import "javascript:alert(1)";</style>',
  '<link rel=stylesheet href="javascript:alert(1)">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<input onfocus=alert(1) autofocus>',
  '<select onfocus=alert(1) autofocus>',
  '<textarea onfocus=alert(1) autofocus>',
  '<details open ontoggle=alert(1)>',
  '<video><source onerror=alert(1)></video>',
  '<audio src=x onerror=alert(1)>',
  '<marquee onstart=alert(1)>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>',
  '<base href="javascript:alert(1)//">',
  '<isindex action=javascript:alert(1) type=image>',
  '<table background="javascript:alert(1)">',
  '<td background="javascript:alert(1)">x</td>',
  '<img """><script>alert(1)</script>">',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<<script>alert(1)//<</script>',
  '<img src=x:alert(alt) onerror=eval(src) alt=0>',
  '"><script>alert(1)</script>',
  "'><img src=x onerror=alert(1)>",
  '<a href="https://ok.example" target="_blank">x</a>',
  '<blockquote cite="javascript:alert(1)">x</blockquote>',
  '<q cite="javascript:alert(1)">x</q>',
  '<img src="https://ok.example/x.png" onload="alert(1)">',
  '<xss id=x tabindex=1 onfocusin=alert(1)></xss>',
  '<template><script>alert(1)</script></template>',
  '<!--<img src="--><img src=x onerror=alert(1)//">',
];

/** Anything in sanitised HTML that could run script or load a foreign frame. */
const DANGER =
  /<script|<\/script|javascript:|vbscript:|data:text\/html|\son[a-z]+\s*=|<iframe(?![^>]*src="https:\/\/www\.youtube(-nocookie)?\.com\/)|<svg|<object|<embed|<style|<link|<meta|<base|<form|<input|<math|<template|srcdoc|style=|expression\(/i;

describe('the body sanitiser', () => {
  it(`removes script from all ${XSS_PAYLOADS.length} known XSS payloads`, () => {
    assert.ok(XSS_PAYLOADS.length >= 50);
    for (const payload of XSS_PAYLOADS) {
      const clean = sanitizeBody(payload);
      assert.doesNotMatch(clean, DANGER, `${payload}\n→ ${clean}`);
    }
  });

  it('keeps good semantic markup', () => {
    const good =
      '<h2>Sub</h2><p>A <strong>bold</strong> and <em>em</em> <a href="https://example.org/x">link</a>.</p><ul><li>one</li></ul><ol><li>two</li></ol><blockquote><p>Quote</p></blockquote><h3>Small</h3><figure><img src="https://example.org/a.jpg" alt="A"><figcaption>Cap</figcaption></figure>';
    const clean = sanitizeBody(good);
    for (const tag of ['<h2>', '<strong>', '<em>', '<ul>', '<ol>', '<li>', '<blockquote>', '<h3>', '<figure>', '<figcaption>', 'alt="A"'])
      assert.ok(clean.includes(tag), tag);
    assert.match(clean, /<a href="https:\/\/example.org\/x" rel="noopener nofollow">link<\/a>/);
  });

  it('keeps embeds from the allow-list only', () => {
    assert.match(
      sanitizeBody('<iframe src="https://www.youtube-nocookie.com/embed/abc" title="Video"></iframe>'),
      /<iframe src="https:\/\/www.youtube-nocookie.com\/embed\/abc"/,
    );
    assert.equal(sanitizeBody('<iframe src="https://evil.example/embed"></iframe>'), '');
  });
});

describeEachDatabase('XSS payloads in a published article', (testDb) => {
  let store: Store;
  let app: FastifyInstance;
  before(async () => {
    ({ store, app } = await openSuite(testDb, { app: true }));
  });

  it('none survives into the public page', async () => {
    const article = await addStory(store.db, { body: XSS_PAYLOADS.map((p) => `<p>${p}</p>`).join('\n'), headline: '<script>alert(1)</script> Headline' });
    const html = (await app.inject(articlePath(article))).body;
    const body = /<div class="body">([\s\S]*?)<\/div>\s*(<p class="sources"|<p class="ai-note"|<p class="story-feedback"|<\/article>)/.exec(html)![1]!;
    assert.doesNotMatch(body, DANGER);
    // "<" inside a quoted attribute value starts nothing; JSON-LD escapes "<" as \u003c. The one
    // other script is our own read counter, by address, with nothing inside.
    const markup = html
      .replace(/<script type="application\/ld\+json">.*?<\/script>/gs, '')
      .replace(/<script src="\/assets\/count\.[0-9a-f]+\.js" defer data-article="\d+" data-to="\/api\/v1\/views"><\/script>/, '')
      .replace(/="[^"]*"/g, '=""');
    assert.doesNotMatch(markup, /<script/i);
  });
});
