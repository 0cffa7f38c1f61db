import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { getArticle } from '../../src/content/articles.js';
import type { Store } from '../../src/db/connect.js';
import { articlePath } from '../../src/presentation/urls.js';
import { scanDropFolder, SETTLE_MS } from '../../src/wire/drop-folder.js';
import { parseWire } from '../../src/wire/parse.js';
import { addSource, listSourceFiles } from '../../src/wire/sources.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { testActor } from '../helpers/fixtures.js';
import { openSuite } from '../helpers/suite.js';

/*
 * Credit: each item is credited to the agency its feed names; a source's own agency only when the
 * feed names none. Every content type of every format arrives as the HTML it carries.
 */

const paragraphs: Record<string, string> = {
  kiln: 'Brick makers near Kisumu lit the first of 12 cleaner kilns on Sunday, a cooperative scheme that cuts the firewood each batch needs by half.',
  ropeway: 'Mombasa county approved a 2.7-kilometre cable car across the creek to Likoni, which planners say will carry 4,000 passengers an hour.',
  hatchery:
    'A fish hatchery built by women traders opened outside Nakuru, supplying fingerlings to 160 pond farmers around the lake and training them in feeding and water care.',
};
const para = (_n: number, topic: string) => paragraphs[topic]!;

/** One RSS feed from an aggregator: three items by three agencies, each named in its own way. */
const multiAgencyRss = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Regional Wire Aggregator</title>
<item><guid>agg-1</guid><title>Kiln Project Starts in Kisumu</title><source url="https://andes.example/rss">Andes Wire Service</source><pubDate>Sun, 29 Nov 2026 08:00:00 GMT</pubDate>
<description>&lt;p&gt;${para(1, 'kiln')}&lt;/p&gt;</description></item>
<item><guid>agg-2</guid><title>Ropeway Plan Approved in Mombasa</title><dc:creator>Sahel Newsline</dc:creator><pubDate>Sun, 29 Nov 2026 08:10:00 GMT</pubDate>
<content:encoded><![CDATA[<p>${para(2, 'ropeway')}</p>]]></content:encoded></item>
<item><guid>agg-3</guid><title>Hatchery Opens Near Nakuru</title><dc:creator>Jane Field</dc:creator><pubDate>Sun, 29 Nov 2026 08:20:00 GMT</pubDate>
<description>${para(3, 'hatchery')}</description></item>
</channel></rss>`;

describeEachDatabase('agency credit through a source', (testDb) => {
  let store: Store;
  let app: FastifyInstance;
  before(async () => {
    ({ store, app } = await openSuite(testDb, { app: true }));
  });

  it('credits each item of a multi-agency feed to its own agency on the page, in JSON-LD, RSS and ninjs', async () => {
    const folder = path.join(testDb.dataDir, 'wire-drop', 'aggregator');
    fs.mkdirSync(folder, { recursive: true });
    const places = { dataDir: testDb.dataDir };
    const source = await addSource(store.db, { name: 'aggregator', agency: 'Fallback Agency', folder, rule: 'auto-publish' }, testActor(), { places });
    fs.writeFileSync(path.join(folder, 'feed.xml'), multiAgencyRss);
    const { summary } = await scanDropFolder(store.db, source, Date.now() + SETTLE_MS + 1000, { places });
    assert.equal(summary[0]!.new, 3, JSON.stringify(summary[0]!.rejected));
    // The file is recorded with its counts.
    const [file] = await listSourceFiles(store.db, source.id);
    assert.deepEqual([file!.file, file!.outcome, file!.counts.new, file!.counts.rejected], ['feed.xml', 'processed', 3, 0]);

    const expected: Record<string, string> = { 'agg-1': 'Andes Wire Service', 'agg-2': 'Sahel Newsline', 'agg-3': 'Fallback Agency' };
    const rss = (await app.inject('/rss.xml')).body;
    for (const [itemId, agency] of Object.entries(expected)) {
      const row = await store.db.selectFrom('wire_items').select('article_id').where('item_id', '=', itemId).executeTakeFirstOrThrow();
      const story = (await getArticle(store.db, row.article_id!))!;
      const held = await store.db.selectFrom('wire_items').select('held_reason').where('item_id', '=', itemId).executeTakeFirstOrThrow();
      assert.equal(story.status, 'published', `${itemId}: ${held.held_reason}`);
      assert.deepEqual(
        story.sources.map((s) => s.agency),
        [agency],
      );
      const page = (await app.inject(articlePath(story))).body;
      assert.match(page, new RegExp(`published automatically from copy by ${agency}; it has not been edited or reviewed by our staff`));
      const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page)![1]!);
      assert.deepEqual(ld.contributor, [{ '@type': 'NewsMediaOrganization', name: agency }]);
      assert.equal(ld.creditText, '(With inputs from agencies.)');
      assert.match(ld.backstory, new RegExp(agency));
      const ninjs = (await app.inject(`/api/v1/items/${story.id}`)).json() as { infosources: { name: string }[]; trustindicators: { role: string }[] };
      assert.deepEqual(
        ninjs.infosources.map((s) => s.name),
        [agency],
      );
      assert.ok(ninjs.trustindicators.some((t) => t.role === 'urn:wiredesk:desk:auto-published'));
      const rssItem = new RegExp(`<title>${story.headline}</title>[\\s\\S]*?<dc:contributor>${agency}</dc:contributor>[\\s\\S]*?</item>`);
      assert.match(rss, rssItem);
    }
  });
});

describe('content of every type, in every format, arrives as the HTML it carries', () => {
  const body = '<p>First <strong>bold</strong> &amp; true.</p><p>Second.</p>';
  const expectHtml = (html: string, label: string) => {
    assert.match(html, /<p>First <strong>bold<\/strong> &amp; true\.<\/p>/, label);
    assert.match(html, /<p>Second\.<\/p>/, label);
    assert.doesNotMatch(html, /&lt;|CDATA/, `${label}: no literal tags`);
  };
  const escaped = body.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const atom = (content: string) =>
    `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><author><name>Andes Wire Service</name></author><entry><id>a1</id><title>Headline</title><updated>2026-11-29T09:30:00Z</updated>${content}</entry></feed>`;
  const rss = (inner: string) =>
    `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>T</title><item><guid>r1</guid><title>Headline</title>${inner}</item></channel></rss>`;
  const newsml = (set: string) =>
    `<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="n1" version="1"><itemMeta><provider literal="Sahel Newsline"/><edNote>Check the figures.</edNote></itemMeta><contentMeta><headline>Headline</headline></contentMeta><contentSet>${set}</contentSet></newsItem>`;

  const cases: Record<string, string> = {
    'Atom type="html", escaped': atom(`<content type="html">${escaped}</content>`),
    'Atom type="html", CDATA': atom(`<content type="html"><![CDATA[${body}]]></content>`),
    'Atom type="xhtml"': atom(`<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">${body}</div></content>`),
    'Atom without a type, escaped HTML': atom(`<content>${escaped}</content>`),
    'Atom summary only, type="html"': atom(`<summary type="html">${escaped}</summary>`),
    'RSS content:encoded, CDATA': rss(`<content:encoded><![CDATA[${body}]]></content:encoded>`),
    'RSS content:encoded, escaped': rss(`<content:encoded>${escaped}</content:encoded>`),
    'RSS description, escaped': rss(`<description>${escaped}</description>`),
    'RSS description, CDATA': rss(`<description><![CDATA[${body}]]></description>`),
    'JSON Feed content_html': JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'T',
      items: [{ id: 'j1', title: 'Headline', content_html: body }],
    }),
    'ninjs 2 bodies text/html': JSON.stringify({
      uri: 'n2',
      headlines: [{ value: 'Headline' }],
      bodies: [{ role: 'main', contenttype: 'text/html', value: body }],
    }),
    'ninjs 1 body_html': JSON.stringify({ guid: 'n1', headline: 'Headline', body_html: body }),
    'NewsML-G2 inlineXML XHTML': newsml(
      `<inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><body>${body}</body></html></inlineXML>`,
    ),
    'NewsML-G2 inlineXML NITF': newsml(
      `<inlineXML contenttype="application/nitf+xml"><nitf><body><body.head><hedline><hl1>Headline</hl1></hedline></body.head><body.content>${body}</body.content></body></nitf></inlineXML>`,
    ),
    'NewsML-G2 inlineData text/html, escaped': newsml(`<inlineData contenttype="text/html">${escaped}</inlineData>`),
    'NewsML-G2 inlineData text/html, CDATA': newsml(`<inlineData contenttype="text/html"><![CDATA[${body}]]></inlineData>`),
  };
  for (const [label, doc] of Object.entries(cases)) {
    it(label, () => {
      const r = parseWire(doc);
      assert.equal(r.rejected.length, 0, JSON.stringify(r.rejected));
      expectHtml(r.items[0]!.bodyHtml, label);
    });
  }

  it('plain text (Atom type="text", JSON Feed content_text, ninjs text/plain, NewsML-G2 text/plain) becomes escaped paragraphs', () => {
    const text = 'First line & <not a tag>.\n\nSecond paragraph.';
    const docs = [
      atom(`<content type="text">${text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</content>`),
      JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'T', items: [{ id: 'j2', title: 'Headline', content_text: text }] }),
      JSON.stringify({ uri: 'n3', headlines: [{ value: 'Headline' }], bodies: [{ contenttype: 'text/plain', value: text }] }),
      newsml(`<inlineData contenttype="text/plain">${text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</inlineData>`),
    ];
    for (const doc of docs) {
      const html = parseWire(doc).items[0]!.bodyHtml;
      assert.equal(html, '<p>First line &amp; &lt;not a tag&gt;.</p><p>Second paragraph.</p>', doc.slice(0, 60));
    }
  });

  it('keeps the agency’s notes to editors, and its credit from NewsML-G2 and ninjs', () => {
    const g2 = parseWire(cases['NewsML-G2 inlineXML XHTML']!, { agency: 'Configured' }).items[0]!;
    assert.deepEqual([g2.agency, g2.ednote], ['Sahel Newsline', 'Check the figures.']);
    const ninjs = parseWire(
      JSON.stringify({
        uri: 'x',
        headline: 'H',
        body_html: body,
        ednote: 'Embargoed until noon.',
        provider: { name: 'Tideline Dispatch' },
        copyrightholder: 'Someone Else',
      }),
      { agency: 'Configured' },
    ).items[0]!;
    assert.deepEqual([ninjs.agency, ninjs.ednote], ['Tideline Dispatch', 'Embargoed until noon.']);
    const credited = parseWire(
      newsml('<inlineXML contenttype="application/xhtml+xml"><html><body><p>x</p></body></html></inlineXML>').replace(
        '<headline>',
        '<creditline>Pacific Nexus Wire</creditline><headline>',
      ),
    ).items[0]!;
    assert.equal(credited.agency, 'Pacific Nexus Wire');
    assert.equal(
      parseWire(atom(`<content type="html">${escaped}</content>`), { agency: 'Configured' }).items[0]!.agency,
      'Andes Wire Service',
      'the feed’s author over the source’s agency',
    );
  });
});
