import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ConfigError, loadConfig } from '../../src/config.js';
import { destinationProblem, nonPublicReason, parseAllowList, STRICT_POLICY, urlProblem, type OutboundPolicy } from '../../src/net/address-policy.js';

const policy = (allow: string, lookup?: OutboundPolicy['lookup']): OutboundPolicy => ({ allow: parseAllowList(allow), ...(lookup ? { lookup } : {}) });
const problemOf = (url: string, p: OutboundPolicy = STRICT_POLICY) => urlProblem(new URL(url), p);

describe('which addresses are public', () => {
  it('refuses loopback, private, link-local, CGNAT, unspecified and other special IPv4 ranges', () => {
    for (const [address, kind] of [
      ['127.0.0.1', /loopback/],
      ['127.255.0.9', /loopback/],
      ['10.1.2.3', /private/],
      ['172.16.0.1', /private/],
      ['172.31.255.254', /private/],
      ['192.168.1.1', /private/],
      ['169.254.169.254', /link-local.*metadata/],
      ['100.64.0.1', /carrier-grade NAT/],
      ['100.127.255.254', /carrier-grade NAT/],
      ['0.0.0.0', /unspecified/],
      ['0.1.2.3', /unspecified/],
      ['255.255.255.255', /broadcast/],
      ['224.0.0.1', /multicast/],
      ['192.0.2.1', /reserved/],
      ['198.18.0.1', /reserved/],
      ['240.0.0.1', /reserved/],
    ] as const) {
      assert.match(nonPublicReason(address) ?? 'public', kind, address);
    }
  });

  it('lets public IPv4 and IPv6 addresses through', () => {
    for (const address of [
      '8.8.8.8',
      '1.1.1.1',
      '93.184.216.34',
      '172.32.0.1',
      '100.128.0.1',
      '169.255.0.1',
      '2606:4700::1111',
      '2a00:1450:4001:81b::200e',
      '::ffff:8.8.8.8',
    ]) {
      assert.equal(nonPublicReason(address), null, address);
    }
  });

  it('refuses IPv6 loopback, unspecified, unique-local, link-local, multicast and the forms that carry IPv4 inside', () => {
    for (const [address, kind] of [
      ['::1', /loopback/],
      ['[::1]', /loopback/],
      ['::', /unspecified/],
      ['fc00::1', /unique-local/],
      ['fd12:3456::1', /unique-local/],
      ['fe80::1', /link-local/],
      ['fe80::1%eth0', /link-local/],
      ['febf::1', /link-local/],
      ['ff02::1', /multicast/],
      ['fec0::1', /site-local/],
      ['2001:db8::1', /special-purpose/],
      ['::ffff:127.0.0.1', /loopback/],
      ['::ffff:7f00:1', /loopback/],
      ['::ffff:a9fe:a9fe', /link-local/],
      ['::ffff:10.0.0.1', /private/],
      ['0:0:0:0:0:ffff:c0a8:0101', /private/],
      ['64:ff9b::169.254.169.254', /link-local/],
      ['::127.0.0.1', /loopback|IPv4-compatible/],
      ['::7f00:1', /IPv4-compatible/],
      ['2002:7f00:1::1', /special-purpose/],
    ] as const) {
      assert.match(nonPublicReason(address) ?? 'public', kind, address);
    }
    assert.equal(nonPublicReason('64:ff9b::8.8.8.8'), null, 'NAT64 of a public address is public');
  });

  it('an IPv4-mapped IPv6 address is judged as the IPv4 address it carries (property)', () => {
    fc.assert(
      fc.property(fc.ipV4(), (v4) => {
        const [a, b, c, d] = v4.split('.').map(Number) as [number, number, number, number];
        const hex = `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
        const expected = nonPublicReason(v4) === null;
        assert.equal(nonPublicReason(`::ffff:${v4}`) === null, expected, `::ffff:${v4}`);
        assert.equal(nonPublicReason(`::ffff:${hex}`) === null, expected, `::ffff:${hex}`);
      }),
    );
  });

  it('anything that is not an address is refused', () => {
    for (const text of ['', 'localhost', '0177.0.0.1', '2130706433', '1.2.3', 'example.org'])
      assert.match(nonPublicReason(text) ?? 'public', /not an IP address/, text);
  });
});

describe('what a URL may name', () => {
  it('refuses loopback and metadata in every spelling the URL parser turns into one', () => {
    for (const url of [
      'http://127.0.0.1/',
      'http://2130706433/',
      'http://0177.0.0.1/',
      'http://0x7f.0.0.1/',
      'http://0x7f000001/',
      'http://127.1/',
      'http://127.0.0.1./',
      'http://[::1]:8080/',
      'http://[::ffff:127.0.0.1]/',
      'http://[::ffff:7f00:1]/',
      'http://[::127.0.0.1]/',
      'http://169.254.169.254/latest/meta-data/',
      'http://[fd00:ec2::254]/',
      'http://0.0.0.0:3000/',
      'http://10.0.0.1/',
      'http://100.64.1.1/',
      'http://[fe80::1]/',
      'http://localhost:3000/',
      'http://LOCALHOST./',
      'http://api.localhost/',
      'http://metadata.google.internal/computeMetadata/v1/',
      'http://metadata/',
      'http://instance-data/latest/',
    ]) {
      assert.ok(problemOf(url), url);
    }
  });

  it('takes public literals and names, which are checked again where the connection is made', () => {
    for (const url of ['https://8.8.8.8/', 'https://feeds.example.org/wire.xml', 'http://[2606:4700::1111]/']) assert.equal(problemOf(url), null, url);
  });

  it('refuses other schemes and addresses carrying a user name or password', () => {
    assert.match(problemOf('file:///etc/passwd')!, /only http and https/);
    assert.match(problemOf('gopher://example.org/')!, /only http and https/);
    assert.match(problemOf('https://user:pw@hooks.example.org/')!, /user name or password/);
    assert.match(problemOf('https://user@hooks.example.org/')!, /user name or password/);
  });

  it('the allow-list names exceptions by address, range, name or subdomain, each optionally with a port', () => {
    assert.equal(problemOf('http://127.0.0.1:6081/', policy('127.0.0.1')), null);
    assert.equal(problemOf('http://[::ffff:127.0.0.1]/', policy('127.0.0.1')), null, 'the mapped form of an allowed address');
    assert.equal(problemOf('http://10.20.3.4/', policy('10.20.0.0/16')), null);
    assert.ok(problemOf('http://10.21.3.4/', policy('10.20.0.0/16')), 'outside the range');
    assert.equal(problemOf('http://127.0.0.1:6081/', policy('127.0.0.1:6081')), null);
    assert.ok(problemOf('http://127.0.0.1:6082/', policy('127.0.0.1:6081')), 'another port');
    assert.ok(problemOf('http://127.0.0.1/', policy('127.0.0.1:6081')), 'the default port is 80');
    assert.equal(problemOf('http://[::1]:8080/', policy('[::1]:8080')), null);
    assert.equal(problemOf('http://[fd00::5]/', policy('fd00::/8')), null);
    assert.equal(problemOf('http://localhost:9000/', policy('localhost:9000')), null);
    assert.equal(problemOf('https://photos.agency.corp/', policy('*.agency.corp')), null);
    assert.ok(problemOf('https://127.0.0.1/', policy('*.agency.corp')));
    assert.ok(problemOf('http://metadata.google.internal/', policy('10.0.0.0/8')), 'a range does not allow a refused name');
  });

  it('parses OUTBOUND_ALLOW with commas or spaces and refuses what it cannot read', () => {
    assert.equal(parseAllowList('').length, 0);
    assert.deepEqual(
      parseAllowList(' 10.0.0.0/8, agency.local:8443  *.cdn.corp ').map((e) => [e.kind, e.port]),
      [
        ['range', null],
        ['host', 8443],
        ['host', null],
      ],
    );
    for (const bad of ['10.0.0.0/33', 'http://x', 'a..b', '127.0.0.1:0', '127.0.0.1:99999', 'agency.local:https', '1.2.3']) {
      assert.throws(() => parseAllowList(bad), /is not a host name, address or CIDR range/, bad);
    }
  });

  it('OUTBOUND_ALLOW is validated at start like every setting', () => {
    assert.deepEqual(loadConfig({}).outbound.allow, []);
    assert.equal(loadConfig({ OUTBOUND_ALLOW: '10.0.0.0/8,agency.local' }).outbound.allow.length, 2);
    assert.throws(
      () => loadConfig({ OUTBOUND_ALLOW: '10.0.0.0/8,nonsense:port' }),
      (e: Error) => e instanceof ConfigError && /^OUTBOUND_ALLOW="10\.0\.0\.0\/8,nonsense:port" is not valid: "nonsense:port" is not/.test(e.message),
    );
  });
});

describe('the check of an address someone enters', () => {
  it('resolves the name and refuses one that resolves to a private address; takes one that does not resolve', async () => {
    const resolvesTo = (address: string, family = 4) => policy('', async () => [{ address, family }]);
    assert.match((await destinationProblem('https://hooks.example.org/x', resolvesTo('10.0.0.8')))!, /hooks\.example\.org resolves to a private address/);
    assert.match((await destinationProblem('https://hooks.example.org/x', resolvesTo('::1', 6)))!, /resolves to a loopback/);
    assert.equal(await destinationProblem('https://hooks.example.org/x', resolvesTo('93.184.216.34')), null);
    assert.equal(
      await destinationProblem(
        'https://hooks.example.org/x',
        policy('', async () => Promise.reject(Object.assign(new Error('nx'), { code: 'ENOTFOUND' }))),
      ),
      null,
    );
    assert.equal(
      await destinationProblem('https://hooks.example.org/x', {
        allow: parseAllowList('10.0.0.0/8'),
        lookup: async () => [{ address: '10.0.0.8', family: 4 }],
      }),
      null,
    );
    assert.match((await destinationProblem('http://169.254.169.254/', STRICT_POLICY))!, /link-local/);
    assert.match((await destinationProblem('not a url', STRICT_POLICY))!, /not an absolute address/);
  });
});
