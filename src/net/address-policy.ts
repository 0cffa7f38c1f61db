import dns from 'node:dns';
import net from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Which addresses the server may send requests to (src/net/outbound.ts makes them). Public
 * addresses, yes; loopback, private, link-local (where cloud metadata lives), carrier-grade NAT,
 * unique-local, multicast, reserved and unspecified ones, no: nobody who can type a URL into the
 * newsroom or into an agency feed gets to make the server talk to itself or its neighbours. The
 * allow-list (OUTBOUND_ALLOW) names the exceptions: a publisher's agency or CDN on the local
 * network.
 */

/** One entry of OUTBOUND_ALLOW: a host name (`*.` for its subdomains) or an address/CIDR, with or without a port. */
export type AllowEntry =
  { kind: 'host'; name: string; subdomains: boolean; port: number | null } | { kind: 'range'; range: [ipaddr.IPv4 | ipaddr.IPv6, number]; port: number | null };

export interface OutboundPolicy {
  /** What may be reached although it is not public (OUTBOUND_ALLOW). */
  allow: readonly AllowEntry[];
  /** Name resolution, for tests; dns.lookup otherwise. */
  lookup?: LookupAll;
}

export type LookupAll = (hostname: string) => Promise<{ address: string; family: number }[]>;

/** Nothing allowed beyond public addresses: what every caller gets unless it is given a policy. */
export const STRICT_POLICY: OutboundPolicy = Object.freeze({ allow: Object.freeze([]) as readonly AllowEntry[] });

/** A request the policy does not allow. The message is ours (never a remote server's words) and
 *  may be shown to the person who gave the address. */
export class OutboundRefusedError extends Error {
  override name = 'OutboundRefusedError';
}

/** Names that mean "this machine" or a cloud's metadata service whatever they resolve to. */
const REFUSED_NAMES = new Set([
  'localhost',
  'localhost.localdomain',
  'ip6-localhost',
  'ip6-loopback',
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'instance-data',
  'instance-data.ec2.internal',
]);
const REFUSED_SUFFIXES = ['.localhost', '.metadata.google.internal'];

const V4_KINDS: Record<string, string> = {
  unspecified: 'an unspecified address (0.0.0.0/8)',
  broadcast: 'the broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address (169.254.0.0/16, where cloud metadata services answer)',
  loopback: 'a loopback address (this machine)',
  carrierGradeNat: 'a carrier-grade NAT address (100.64.0.0/10)',
  private: 'a private address (10/8, 172.16/12, 192.168/16)',
  reserved: 'a reserved address',
};
const V6_KINDS: Record<string, string> = {
  unspecified: 'the unspecified address (::)',
  linkLocal: 'a link-local address (fe80::/10)',
  multicast: 'a multicast address',
  loopback: 'a loopback address (this machine)',
  uniqueLocal: 'a unique-local address (fc00::/7)',
  deprecatedSiteLocal: 'a site-local address (fec0::/10)',
};
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');
const NAT64 = ipaddr.parseCIDR('64:ff9b::/96');

/** An address with IPv4 inside IPv6 (::ffff:a.b.c.d, 64:ff9b::a.b.c.d) as the IPv4 address it stands for. */
function normalised(address: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 {
  if (address.kind() === 'ipv6') {
    const v6 = address as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) return v6.toIPv4Address();
    if (v6.match(NAT64)) return ipaddr.fromByteArray(v6.toByteArray().slice(12));
  }
  return address;
}

/**
 * Why an IP address is not public (a phrase for a message), or null when it is. Anything that
 * does not parse as an address is refused.
 */
export function nonPublicReason(address: string): string | null {
  const text = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!ipaddr.isValid(text) || net.isIP(text) === 0) return 'not an IP address';
  const parsed = normalised(ipaddr.parse(text));
  const range = parsed.range();
  if (parsed.kind() === 'ipv4') return range === 'unicast' ? null : (V4_KINDS[range] ?? `a special-purpose address (${range})`);
  if (range === 'unicast') return parsed.match(IPV4_COMPATIBLE) ? 'an IPv4-compatible IPv6 address (::/96)' : null;
  return V6_KINDS[range] ?? `a special-purpose IPv6 address (${range})`;
}

/** A URL's host as written for comparisons: lower case, no brackets, no trailing dot. */
export const hostOf = (url: URL) =>
  url.hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
export const portOf = (url: URL) => Number(url.port || (url.protocol === 'https:' ? 443 : 80));

/** Whether the allow-list names this host (by name) on this port. */
export function allowsHost(policy: OutboundPolicy, host: string, port: number): boolean {
  return policy.allow.some(
    (e) => e.kind === 'host' && (e.port === null || e.port === port) && (host === e.name || (e.subdomains && host.endsWith(`.${e.name}`))),
  );
}

/** Whether the allow-list names this address (by address or range) on this port. */
export function allowsAddress(policy: OutboundPolicy, address: string, port: number): boolean {
  const text = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!ipaddr.isValid(text)) return false;
  const forms = [ipaddr.parse(text)];
  const inner = normalised(forms[0]!);
  if (inner !== forms[0]) forms.push(inner);
  return policy.allow.some(
    (e) => e.kind === 'range' && (e.port === null || e.port === port) && forms.some((a) => a.kind() === e.range[0].kind() && a.match(e.range)),
  );
}

/** Null when the policy lets a connection go to `address` for `host:port`, else why not. */
export function addressProblem(policy: OutboundPolicy, host: string, address: string, port: number): string | null {
  if (allowsAddress(policy, address, port)) return null;
  const why = nonPublicReason(address);
  if (!why) return null;
  return net.isIP(host) ? `${host} is ${why}` : `${host} resolves to ${why}`;
}

/**
 * What can be said of a URL without resolving it: the scheme (http or https), no user name or
 * password, and a host that is not a refused name or a refused literal address (decimal, octal
 * and hex forms are normalised by the URL parser first). Returns the problem, or null.
 * `trusted` origins (addresses the operator configured) pass whatever their host.
 */
export function urlProblem(url: URL, policy: OutboundPolicy, trusted: readonly string[] = []): string | null {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `only http and https addresses are fetched, not ${url.protocol}`;
  if (url.username || url.password) return 'addresses with a user name or password in them are refused';
  if (trusted.includes(url.origin)) return null;
  const host = hostOf(url);
  const port = portOf(url);
  if (!host) return 'the address has no host';
  if (allowsHost(policy, host, port)) return null;
  if (net.isIP(host)) return addressProblem(policy, host, host, port);
  if (REFUSED_NAMES.has(host) || REFUSED_SUFFIXES.some((s) => host.endsWith(s))) return `${host} names this machine or a metadata service`;
  return null;
}

/** Whether requests to this URL skip the address check (trusted origin, or host named by the allow-list). */
export function skipsAddressCheck(url: URL, policy: OutboundPolicy, trusted: readonly string[] = []): boolean {
  return trusted.includes(url.origin) || allowsHost(policy, hostOf(url), portOf(url));
}

/** How long a form waits for a name to resolve before it takes the address as given. */
const ENTRY_LOOKUP_MS = 3_000;

/**
 * The check of an address someone enters (a webhook, a source to poll), for a clear answer at
 * once: the URL's own problems, and the addresses its name resolves to now. A name that does not
 * resolve (yet) is taken; the check made when the request is sent is the one that guards.
 * Returns the problem, or null.
 */
export async function destinationProblem(address: string, policy: OutboundPolicy): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return 'it is not an absolute address';
  }
  const problem = urlProblem(url, policy);
  if (problem || skipsAddressCheck(url, policy) || net.isIP(hostOf(url))) return problem;
  const lookup = policy.lookup ?? ((name: string) => dns.promises.lookup(name, { all: true, verbatim: true }));
  let timer: NodeJS.Timeout | undefined;
  const addresses = await Promise.race([
    lookup(hostOf(url)).catch(() => []),
    new Promise<[]>((resolve) => {
      timer = setTimeout(() => resolve([]), ENTRY_LOOKUP_MS);
    }),
  ]).finally(() => clearTimeout(timer));
  for (const { address: resolved } of addresses) {
    const why = addressProblem(policy, hostOf(url), resolved, portOf(url));
    if (why) return why;
  }
  return null;
}

/**
 * Parses OUTBOUND_ALLOW: entries separated by commas or spaces, each a host name
 * (`agency.local`), all subdomains of one (`*.corp.example`), an address (`10.0.0.5`, `::1`) or a
 * CIDR range (`10.20.0.0/16`, `fd00::/8`), any of them with a port (`127.0.0.1:6081`,
 * `[::1]:8080`, `agency.local:8443`). Throws an Error naming the first bad entry.
 */
export function parseAllowList(text: string): AllowEntry[] {
  const entries: AllowEntry[] = [];
  for (const raw of text.split(/[\s,]+/).filter(Boolean)) {
    const entry = parseEntry(raw.toLowerCase());
    if (!entry) throw new Error(`"${raw}" is not a host name, address or CIDR range (with an optional :port)`);
    entries.push(entry);
  }
  return entries;
}

function parseEntry(raw: string): AllowEntry | null {
  let body = raw;
  let port: number | null = null;
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(raw);
  if (bracketed) {
    body = bracketed[1]!;
    port = bracketed[2] ? Number(bracketed[2]) : null;
  } else if ((raw.match(/:/g) ?? []).length === 1) {
    const [head, tail] = raw.split(':') as [string, string];
    if (!/^\d{1,5}$/.test(tail)) return null;
    body = head;
    port = Number(tail);
  }
  if (port !== null && (port < 1 || port > 65535)) return null;
  if (body.includes('/')) {
    try {
      return { kind: 'range', range: ipaddr.parseCIDR(body), port };
    } catch {
      return null;
    }
  }
  if (net.isIP(body)) {
    const address = ipaddr.parse(body);
    return { kind: 'range', range: [address, address.kind() === 'ipv4' ? 32 : 128], port };
  }
  const subdomains = body.startsWith('*.');
  const name = (subdomains ? body.slice(2) : body).replace(/\.$/, '');
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(name) || /^[\d.]+$/.test(name)) return null;
  return { kind: 'host', name, subdomains, port };
}
