import type { FastifyRequest } from 'fastify';

/**
 * Did this POST come from a page of this site? Public forms (feedback, newsletter sign-up) give
 * readers no session and no cookie, so they are protected by where a request comes from, not by
 * a token: its Origin header (or, when a browser sends none, its Referer) must be this site
 * (SITE_URL's origin, or the Host the request was sent to), and Sec-Fetch-Site, if sent, must say
 * same-origin. Browsers set those headers themselves: a page elsewhere cannot make them name
 * this site.
 */
export function cameFromThisSite(request: FastifyRequest, siteUrl: string): boolean {
  const h = request.headers;
  const fetchSite = h['sec-fetch-site'];
  if (fetchSite !== undefined && fetchSite !== 'same-origin') return false;
  const claimed = typeof h.origin === 'string' && h.origin !== 'null' ? h.origin : typeof h.referer === 'string' ? h.referer : '';
  let url: URL;
  try {
    url = new URL(claimed);
  } catch {
    return false;
  }
  return url.origin === new URL(siteUrl).origin || (Boolean(h.host) && url.host === h.host && /^https?:$/.test(url.protocol));
}

