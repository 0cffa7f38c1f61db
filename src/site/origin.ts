import type { FastifyRequest } from 'fastify';

/**
 * Did this POST come from a page of this site? Public forms (feedback, newsletter sign-up) give
 * readers no session and no cookie, so they are protected by where a request comes from, not by
 * a token. Current browsers say it themselves with Fetch Metadata: `Sec-Fetch-Site: same-origin`
 * is accepted, and anything else it says (cross-site, same-site, none) is refused, whatever the
 * Origin (which may be "null" under a strict referrer policy). A client that sends no
 * Sec-Fetch-Site must show an Origin (or, without one, a Referer) of this site: SITE_URL's
 * origin, or the Host the request was sent to. A page elsewhere cannot forge these headers.
 */
export function cameFromThisSite(request: FastifyRequest, siteUrl: string): boolean {
  const h = request.headers;
  const fetchSite = h['sec-fetch-site'];
  if (fetchSite !== undefined) return fetchSite === 'same-origin';
  const claimed = typeof h.origin === 'string' && h.origin !== 'null' ? h.origin : typeof h.referer === 'string' ? h.referer : '';
  let url: URL;
  try {
    url = new URL(claimed);
  } catch {
    return false;
  }
  return url.origin === new URL(siteUrl).origin || (Boolean(h.host) && url.host === h.host && /^https?:$/.test(url.protocol));
}
