import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { target, type FuzzTarget } from './core.js';

/*
 * Fuzz targets over real routes (app.inject on a small seeded newsroom): arbitrary form bodies for
 * the public forms and sign-in, arbitrary search and cursor parameters. No answer may be a 5xx.
 */

export const SITE = 'https://news.example.org';

/** Values a field may hold: text of every kind, NUL bytes, lone surrogates, very long text, look-alike addresses. */
const fieldValue = (nul: boolean) => {
  const value = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.constantFrom(
      'reader@example.org',
      'READER@EXAMPLE.ORG',
      'a@b',
      '@',
      'x@y.z',
      'a'.repeat(300) + '@example.org',
      'name\u0000@example.org',
      '\u0000',
      'é@ü.example',
      '\ud800@example.org',
      '',
      ' ',
      '<script>alert(1)</script>',
      "' OR 1=1 --",
      '1e309',
      '-1',
      '99999999999999999999',
      'global',
      'south-asia',
      'health',
      'energy',
      'x'.repeat(25_000),
    ),
  );
  return nul ? value : value.filter((v) => !v.includes('\u0000'));
};

/** Text with a NUL byte somewhere in it: what PostgreSQL refuses to store (finding F8). */
const withNul = fc.tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 })).map(([a, b]) => `${a}\u0000${b}`);

/** Values that pass each field's checks, so that a spoilt neighbour reaches the deeper code. */
const VALID: Record<string, fc.Arbitrary<string>> = {
  email: fc.nat().map((n) => `reader${n}@example.org`),
  name: fc.constantFrom('A Reader', 'Zoë', ''),
  message: fc.constantFrom(
    'The article has the wrong date in its second paragraph, please correct it.',
    'Thank you for the report on water prices in Nairobi; more please.',
  ),
  from: fc.constantFrom('/latest', '/sector/health', '/article/1-fuzz-story'),
  editions: fc.constantFrom('global', 'south-asia'),
  sectors: fc.constantFrom('health', 'energy'),
  password: fc.constant('a long enough password'),
  next: fc.constantFrom('/newsroom', '/newsroom/articles'),
  q: fc.constantFrom('water', 'solar OR clinic', '"mini grid" -school'),
  kind: fc.constantFrom('news', 'opinion'),
  sector: fc.constantFrom('health', 'energy'),
  edition: fc.constantFrom('global', 'south-asia'),
  country: fc.constantFrom('india', 'kenya'),
  page: fc.constantFrom('1', '2'),
};

/** A form a browser would send, with one or two of its fields spoilt. */
const spoiltForm = (fields: string[], nul: boolean) =>
  fc
    .tuple(
      fc.tuple(...fields.filter((f) => VALID[f]).map((f) => VALID[f]!.map((v): [string, string] => [f, v]))),
      fc.array(fc.tuple(fc.constantFrom(...fields), nul ? fc.oneof(withNul, fieldValue(nul)) : fieldValue(nul)), { minLength: 1, maxLength: 2 }),
    )
    .map(([valid, spoilt]) => {
      const form = new Map(valid);
      for (const [k, v] of spoilt) form.set(k, v);
      return new URLSearchParams([...form]).toString();
    });

/** A urlencoded body: a spoilt valid form, pairs of the route's own fields (some repeated) and others, or raw text with any percent escapes. */
const formBody = (fields: string[], nul: boolean) =>
  fc.oneof(
    { weight: 4, arbitrary: spoiltForm(fields, nul) },
    {
      weight: 4,
      arbitrary: fc
        .array(
          fc.tuple(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...fields) }, { weight: 1, arbitrary: fc.string({ maxLength: 10 }) }), fieldValue(nul)),
          { maxLength: 8 },
        )
        .map((pairs) => new URLSearchParams(pairs).toString()),
    },
    {
      weight: 1,
      arbitrary: fc
        .array(
          fc.oneof(
            fc.constantFrom(...fields),
            fc.constantFrom(
              '=',
              '&',
              '+',
              '%',
              '%2',
              '%FF',
              '%C0%80',
              '%ED%A0%80',
              '%E2%82',
              '%F4%90%80%80',
              '[]',
              '[0]',
              '__proto__',
              'constructor',
              ...(nul ? ['%00'] : []),
            ),
            fc.string({ maxLength: 6 }),
          ),
          { maxLength: 20 },
        )
        .map((parts) => parts.join('')),
    },
  );

/** The headers a form may come with: mostly a browser on this site, sometimes not; now and then another content type. */
const formHeaders = fc.record({
  origin: fc.constantFrom(SITE, SITE, SITE, 'https://evil.example', 'null', undefined, 'not a url'),
  fetchSite: fc.constantFrom(undefined, undefined, 'same-origin', 'cross-site', ''),
  type: fc.constantFrom(
    'application/x-www-form-urlencoded',
    'application/x-www-form-urlencoded',
    'application/x-www-form-urlencoded',
    'application/x-www-form-urlencoded; charset=ISO-8859-1',
    'text/plain',
    'application/json',
    'multipart/form-data; boundary=x',
    'application/x-www-form-urlencoded; charset=nonsense',
  ),
  ip: fc.ipV4(),
});

export interface FormCase {
  body: string;
  headers: { origin: string | undefined; fetchSite: string | undefined; type: string; ip: string };
}

export const formCase = (fields: string[], nul: boolean): fc.Arbitrary<FormCase> => fc.record({ body: formBody(fields, nul), headers: formHeaders });

function request(method: 'POST', url: string, c: FormCase, extra: Record<string, string> = {}): InjectOptions {
  const headers: Record<string, string> = { 'content-type': c.headers.type, ...extra };
  if (c.headers.origin !== undefined) headers.origin = c.headers.origin;
  if (c.headers.fetchSite !== undefined) headers['sec-fetch-site'] = c.headers.fetchSite;
  return { method, url, payload: c.body, headers, remoteAddress: c.headers.ip };
}

const no5xx = (res: { statusCode: number; body: string }, what: string) =>
  assert.ok(res.statusCode < 500, `${what}: ${res.statusCode} ${res.body.slice(0, 300)}`);

/** The form routes' targets; `nul: false` leaves NUL bytes out (finding F8, see fuzz.test.ts). */
export function formTargetsWith(nul: boolean): FuzzTarget[] {
  const suffix = nul ? '' : '-no-nul';
  return [
    target({
      name: `form-sign-up${suffix}`,
      about: 'POST /newsletter with arbitrary urlencoded bodies (email, editions, sectors, the honeypot, others) and headers: never a 5xx',
      boundMs: 3000,
      testRuns: 60,
      database: true,
      arbitrary: formCase(['email', 'editions', 'sectors', 'website'], nul),
      check: async (c, ctx) => no5xx(await ctx!.app.inject(request('POST', '/newsletter', c)), 'sign-up'),
    }),
    target({
      name: `form-feedback${suffix}`,
      about: 'POST /feedback with arbitrary urlencoded bodies (name, email, message, from, the honeypot, others) and headers: never a 5xx',
      boundMs: 3000,
      testRuns: 60,
      database: true,
      arbitrary: formCase(['name', 'email', 'message', 'from', 'website'], nul),
      check: async (c, ctx) => no5xx(await ctx!.app.inject(request('POST', '/feedback', c)), 'feedback'),
    }),
    target({
      name: `form-sign-in${suffix}`,
      about: 'POST /newsroom/sign-in with arbitrary bodies, with and without a matching form token: never a 5xx',
      boundMs: 3000,
      testRuns: 60,
      database: true,
      arbitrary: fc.record({
        form: formCase(['email', 'password', 'next', '_csrf'], nul),
        token: fc.option(fc.constantFrom('fuzz-token', 'other', ''), { nil: undefined }),
      }),
      check: async ({ form, token }, ctx) => {
        // The double-submit pair: the form's _csrf field and the wd_signin cookie.
        const c = token === undefined ? form : { ...form, body: `${form.body}&_csrf=fuzz-token` };
        no5xx(await ctx!.app.inject(request('POST', '/newsroom/sign-in', c, token === undefined ? {} : { cookie: `wd_signin=${token}` })), 'sign-in');
      },
    }),
    target({
      name: `form-search${suffix}`,
      about: 'GET /search with an arbitrary query string (q, kind, sector, edition, country, page, repeated or not): never a 5xx',
      boundMs: 3000,
      testRuns: 80,
      database: true,
      arbitrary: formBody(['q', 'kind', 'sector', 'edition', 'country', 'page'], nul),
      check: async (query, ctx) => no5xx(await ctx!.app.inject({ method: 'GET', url: `/search?${query}` }), 'search'),
    }),
  ];
}

/** Near-cursors: our encoding of odd times and ids, or any text. */
const cursorParameter = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(
        '2026-11-01T00:00:00.000Z',
        '2026-02-30T00:00:00.000Z',
        '2026-01-01T24:00:00.000Z',
        '0000-01-01T00:00:00.000Z',
        '9999-12-31T23:59:59.999Z',
        '1970-01-01T00:00:00.000Z',
      ),
      fc.constantFrom('1', '0', '2147483647', '2147483648', '999999999999999'),
    )
    .map(([at, id]) => Buffer.from(`${at}|${id}`).toString('base64url')),
  fc.string({ maxLength: 110 }).map(encodeURIComponent),
);

export const formTargets: FuzzTarget[] = [
  ...formTargetsWith(true),
  target({
    name: 'listing-cursors',
    about: 'listings (latest, a sector, a country, an edition) with arbitrary ?before= and ?after= cursors: never a 5xx',
    boundMs: 3000,
    testRuns: 80,
    database: true,
    arbitrary: fc.record({
      path: fc.constantFrom('/latest', '/sector/health', '/country/india', '/edition/south-asia/latest', '/opinion'),
      direction: fc.constantFrom('before', 'after'),
      cursor: cursorParameter,
    }),
    check: async ({ path, direction, cursor }, ctx) => no5xx(await ctx!.app.inject({ method: 'GET', url: `${path}?${direction}=${cursor}` }), path),
  }),
];
