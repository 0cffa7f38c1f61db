import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WireFormatError } from '../../src/wire/item.js';
import { parseWire } from '../../src/wire/parse.js';

const rss = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
  <channel><title>Meridian News Agency</title><language>en</language>
    <item>
      <title>Solar Kiosks Open in &amp; Around Two Towns</title>
      <guid>MNA-2026-0001</guid>
      <pubDate>Sun, 29 Nov 2026 08:00:00 GMT</pubDate>
      <description>Kiosks now sell solar lamps.</description>
      <content:encoded><![CDATA[<p>Kiosks opened on Sunday.</p><script>alert(1)</script><p onclick="x()">More.</p>]]></content:encoded>
      <dc:creator>Field Reporter</dc:creator>
      <category>energy</category><category>markets</category>
      <media:content url="https://img.example/kiosk.jpg" medium="image"><media:description>A kiosk</media:description><media:credit>MNA</media:credit></media:content>
    </item>
    <item><guid>MNA-2026-0002</guid><description>No title here.</description></item>
  </channel>
</rss>`;

const atom = `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>Equator Press Service</title>
  <entry><id>urn:eps:0042</id><title>Clinic Hours Extended</title><updated>2026-11-29T09:30:00Z</updated>
    <author><name>Desk A</name></author><category term="health"/>
    <summary>Clinics stay open later.</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Clinics now open until <strong>nine</strong>.</p></div></content>
  </entry></feed>`;

const jsonFeed = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'Continental Wire',
  items: [
    {
      id: 'cw-7',
      title: 'Rail Link Reopens',
      content_html: '<p>Trains run again.</p>',
      date_published: '2026-11-28T10:00:00Z',
      authors: [{ name: 'Rail Desk' }],
      tags: ['transport'],
    },
  ],
});

const ninjs2 = JSON.stringify({
  uri: 'urn:lhn:item:555',
  version: '3',
  versioncreated: '2026-11-29T07:00:00Z',
  pubstatus: 'usable',
  language: 'en',
  urgency: 3,
  headlines: [{ value: 'Water Pumps Repaired in Five Villages' }],
  descriptions: [{ value: 'Pumps were fixed.' }],
  bodies: [{ value: '<p>Engineers repaired pumps.</p>' }],
  by: [{ name: 'Water Reporter' }],
  located: [{ name: 'Lilongwe', countrycode: 'MW' }],
  subjects: [{ name: 'water' }],
  associations: {
    featureimage: { type: 'picture', description_text: 'A pump', copyrightholder: 'LHN', renditions: { original: { href: 'https://img.example/pump.jpg' } } },
  },
});

const ninjs1 = JSON.stringify({
  guid: 'lhn-old-1',
  version: 1,
  versioncreated: '2026-11-20T07:00:00Z',
  pubstatus: 'canceled',
  headline: 'Withdrawn Story',
  body_html: '<p>x</p>',
});

const newsml = `<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:cw:2026:88" version="2" standard="NewsML-G2" xml:lang="en">
  <itemMeta><itemClass qcode="ninat:text"/><provider literal="Continental Wire"/><versionCreated>2026-11-29T06:00:00Z</versionCreated>
    <pubStatus qcode="stat:withheld"/><embargoed>2026-11-30T00:00:00Z</embargoed></itemMeta>
  <contentMeta><urgency>2</urgency><located><name>Nairobi</name></located><headline>Budget Talks Resume</headline>
    <description role="drol:summary">Talks resume on Monday.</description><by>Politics Desk</by><subject qcode="medtop:11000000"><name>politics</name></subject><language tag="en"/></contentMeta>
  <contentSet><inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head><body><p>Ministers will meet again.</p></body></html></inlineXML></contentSet>
</newsItem>`;

describe('wire formats', () => {
  it('reads RSS 2.0 with content:encoded, dc:creator, categories and media:content; one bad item is rejected with its reason', () => {
    const r = parseWire(Buffer.from(rss));
    assert.equal(r.format, 'rss');
    assert.equal(r.items.length, 1);
    const item = r.items[0]!;
    assert.equal(item.agency, 'Meridian News Agency');
    assert.equal(item.itemId, 'MNA-2026-0001');
    assert.equal(item.headline, 'Solar Kiosks Open in & Around Two Towns');
    assert.equal(item.versionTime, '2026-11-29T08:00:00.000Z');
    assert.equal(item.byline, 'Field Reporter');
    assert.deepEqual(item.subjects, ['energy', 'markets']);
    assert.deepEqual(item.images, [{ url: 'https://img.example/kiosk.jpg', caption: 'A kiosk', credit: 'MNA', usageTerms: '' }]);
    assert.doesNotMatch(item.bodyHtml, /script|onclick/);
    assert.match(item.bodyHtml, /<p>Kiosks opened on Sunday\.<\/p>/);
    assert.deepEqual(
      r.rejected.map((x) => [x.itemId, x.reason]),
      [['MNA-2026-0002', 'headline: the item has no headline']],
    );
  });

  it('reads Atom 1.0 with XHTML content', () => {
    const r = parseWire(atom, { agency: 'EPS' });
    assert.equal(r.format, 'atom');
    assert.equal(r.items[0]!.agency, 'EPS');
    assert.equal(r.items[0]!.itemId, 'urn:eps:0042');
    assert.match(r.items[0]!.bodyHtml, /<p>Clinics now open until <strong>nine<\/strong>\.<\/p>/);
    assert.equal(r.items[0]!.standfirst, 'Clinics stay open later.');
  });

  it('reads JSON Feed 1.1', () => {
    const r = parseWire(jsonFeed);
    assert.equal(r.format, 'jsonfeed');
    assert.equal(r.items[0]!.agency, 'Continental Wire');
    assert.equal(r.items[0]!.byline, 'Rail Desk');
    assert.equal(r.items[0]!.standfirst, '', 'the agency wrote none: the desk summarises the body for the story');
  });

  it('reads ninjs 2.x (lists, located, associations) and 1.x (single fields, pubstatus)', () => {
    const two = parseWire(ninjs2, { agency: 'Lighthouse Newswire' }).items[0]!;
    assert.equal(two.itemId, 'urn:lhn:item:555');
    assert.equal(two.version, 3);
    assert.equal(two.headline, 'Water Pumps Repaired in Five Villages');
    assert.equal(two.datelineCity, 'Lilongwe');
    assert.equal(two.datelineCountry, 'MW');
    assert.equal(two.urgency, 3);
    assert.deepEqual(two.images, [{ url: 'https://img.example/pump.jpg', caption: 'A pump', credit: 'LHN', usageTerms: '' }]);
    const one = parseWire(ninjs1, { agency: 'Lighthouse Newswire' }).items[0]!;
    assert.equal(one.itemId, 'lhn-old-1');
    assert.equal(one.status, 'canceled');
  });

  it('reads a NewsML-G2 newsItem with an inline XHTML body, status, embargo and urgency', () => {
    const r = parseWire(newsml);
    assert.equal(r.format, 'newsml-g2');
    const item = r.items[0]!;
    assert.equal(item.agency, 'Continental Wire');
    assert.equal(item.itemId, 'urn:newsml:cw:2026:88');
    assert.equal(item.version, 2);
    assert.equal(item.status, 'withheld');
    assert.equal(item.embargo, '2026-11-30T00:00:00.000Z');
    assert.equal(item.urgency, 2);
    assert.equal(item.datelineCity, 'Nairobi');
    assert.equal(item.headline, 'Budget Talks Resume');
    assert.equal(item.bodyHtml, '<p>Ministers will meet again.</p>');
    assert.deepEqual(item.subjects, ['politics']);
  });

  it('refuses a DOCTYPE, so no external entity or entity expansion can happen', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss><channel><item><title>&xxe;</title><guid>1</guid></item></channel></rss>`;
    assert.throws(
      () => parseWire(xxe),
      (e: Error) => e instanceof WireFormatError && /DOCTYPE/.test(e.message),
    );
    const laughs = `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><rss><channel><item><title>&lol2;</title></item></channel></rss>`;
    assert.throws(() => parseWire(laughs), WireFormatError);
  });

  it('refuses malformed, too deeply nested and unknown documents with a clear reason', () => {
    assert.throws(() => parseWire('<rss><channel><item></channel></rss>'), /not well-formed/);
    assert.throws(() => parseWire(`<rss>${'<a>'.repeat(100)}${'</a>'.repeat(100)}</rss>`), /nested deeper/);
    assert.throws(() => parseWire(`${'['.repeat(100)}${']'.repeat(100)}`), /nested deeper/);
    assert.throws(() => parseWire('<html><body/></html>'), /Unknown XML document \(root element html\)/);
    assert.throws(() => parseWire('plain text'), /neither JSON nor XML/);
    assert.throws(() => parseWire('{"broken": '), /JSON is not valid/);
  });

  it('honours the encoding the document declares', () => {
    const latin1 = Buffer.from(
      `<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><title>A</title><item><guid>x1</guid><title>Caf\u00e9 in S\u00e3o Tom\u00e9</title></item></channel></rss>`,
      'latin1',
    );
    assert.equal(parseWire(latin1).items[0]!.headline, 'Café in São Tomé');
  });
});

/** What an agency's CMS sometimes ships as an item's body: a whole HTML page. */
const htmlPage = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Page title</title><style>p { color: red }</style><script>alert(1)</script></head>
<body><p>Wells were dug in three villages on Monday.</p><p onclick="x()">Each serves <strong>400</strong> families.</p></body></html>`;

describe('a DOCTYPE inside character data', () => {
  it('an RSS item whose CDATA body is a whole HTML page (with <!DOCTYPE html>) is taken, sanitised', () => {
    const feed = `<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Meridian News Agency</title>
  <!-- an old export said <!DOCTYPE rss> here -->
  <item><title>Wells Dug in Three Villages</title><guid>MNA-HTML-1</guid><pubDate>Sun, 29 Nov 2026 08:00:00 GMT</pubDate>
    <content:encoded><![CDATA[${htmlPage}]]></content:encoded></item>
</channel></rss>`;
    const { items, rejected } = parseWire(feed);
    assert.deepEqual(rejected, []);
    const body = items[0]!.bodyHtml;
    assert.match(body, /<p>Wells were dug in three villages on Monday\.<\/p>/);
    assert.match(body, /<p>Each serves <strong>400<\/strong> families\.<\/p>/);
    assert.doesNotMatch(body, /DOCTYPE|<html|<head|<script|alert|onclick|color: red|Page title/i);
  });

  it('a NewsML-G2 item whose inlineData CDATA is a whole HTML page is taken, sanitised', () => {
    const g2 = `<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:cw:2026:html" version="1" standard="NewsML-G2" xml:lang="en">
  <itemMeta><itemClass qcode="ninat:text"/><provider literal="Continental Wire"/><versionCreated>2026-11-29T06:00:00Z</versionCreated><pubStatus qcode="stat:usable"/></itemMeta>
  <contentMeta><headline>Wells Dug in Three Villages</headline></contentMeta>
  <contentSet><inlineData contenttype="text/html"><![CDATA[${htmlPage}]]></inlineData></contentSet>
</newsItem>`;
    const { items, rejected } = parseWire(g2);
    assert.deepEqual(rejected, []);
    assert.equal(items[0]!.itemId, 'urn:newsml:cw:2026:html');
    assert.match(items[0]!.bodyHtml, /<p>Wells were dug in three villages on Monday\.<\/p>/);
    assert.doesNotMatch(items[0]!.bodyHtml, /DOCTYPE|<html|<script|alert|onclick|Page title/i);
  });

  it('a real DOCTYPE (or entity declaration) in the markup is still refused, whatever CDATA follows', () => {
    const withCdata = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss><channel><item><guid>1</guid><title>&xxe;</title><description><![CDATA[${htmlPage}]]></description></item></channel></rss>`;
    assert.throws(
      () => parseWire(withCdata),
      (e: Error) => e instanceof WireFormatError && /DOCTYPE/.test(e.message),
    );
    // A CDATA section that ends before the declaration does not hide it.
    const after = `<?xml version="1.0"?><rss><channel><item><guid>1</guid><description><![CDATA[x]]></description></item></channel></rss><!DOCTYPE rss>`;
    assert.throws(() => parseWire(after), /DOCTYPE/);
    assert.throws(() => parseWire(`<?xml version="1.0"?><!ENTITY e "x"><rss/>`), /declares entities/);
  });
});

describe('truncated XML', () => {
  it('says what is left open and the line it was opened on', () => {
    const cut = `<?xml version="1.0"?>\n<rss version="2.0">\n<channel>\n<title>x</title>\n<item>\n<title>A</title>\n<description>Wells were dug`;
    assert.throws(
      () => parseWire(cut),
      (e: Error) => e instanceof WireFormatError && e.message === 'The XML ends before <description> opened on line 7 is closed: the document looks cut off.',
    );
    const betweenItems = `<?xml version="1.0"?>\n<rss version="2.0">\n<channel>\n<title>x</title>\n<item><title>A</title><guid>1</guid></item>\n`;
    assert.throws(() => parseWire(betweenItems), /The XML ends before <channel> opened on line 3 is closed/);
    assert.throws(() => parseWire(`<rss>\n<channel>\n<item><title>A</ti`), /ends inside the tag <\/ti on line 3/);
    assert.throws(
      () => parseWire(`<rss>\n<channel>\n<item>\n<description><![CDATA[<p>Wells`),
      /ends inside a CDATA section opened on line 4, within <description>/,
    );
  });

  it('a document broken in the middle keeps the validator’s reason and line', () => {
    assert.throws(() => parseWire('<rss>\n<channel>\n<title>x</titl>\n</channel></rss>'), /not well-formed: .*'title'.*\(line 3\)/);
  });
});
