/** What a CDN adapter says about one purge: the HTTP requests to make and how to read the answers.
 *  The batching, retries and counting around them are the same for every CDN (./engine.ts). */
export interface PurgeAdapter {
  readonly name: string;
  /** Values never to be logged or kept in `lastError` (API tokens). */
  readonly secrets: readonly string[];
  /** The requests that purge these keys (already deduplicated and valid), split to the CDN's limits. */
  requests(keys: readonly string[]): PurgeRequest[];
  /** The requests that purge everything. */
  purgeAllRequests(): PurgeRequest[];
  /** Resolves when the answer says the purge was done; throws a PurgeFailure otherwise. */
  check(response: Response): Promise<void>;
}

export interface PurgeRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  /** How many keys it carries (for the counters). */
  keyCount: number;
}

/** A purge request that did not work; `retryable` when trying again later may help. */
export class PurgeFailure extends Error {
  override name = 'PurgeFailure';
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/** Server errors, rate limits and time-outs may pass; other refusals (bad token, unknown
 *  service, not in the purgers ACL) will not. */
export function retryableStatus(status: number): boolean {
  return status >= 500 || status === 429 || status === 408;
}

/** The answer's text, at most 64 KB kept; reading it also frees the connection. */
export async function readText(response: Response): Promise<string> {
  try {
    const text = await response.text();
    return text.length > 65_536 ? text.slice(0, 65_536) : text;
  } catch (error) {
    throw new PurgeFailure(`the answer broke off (${(error as Error).message})`, true);
  }
}

/** A short, one-line excerpt of an answer for a log line. */
export function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/** The check for CDNs whose answer is a plain status: any 2xx is done. */
export async function checkStatus(response: Response): Promise<void> {
  const text = await readText(response);
  if (!response.ok) {
    const said = excerpt(text);
    throw new PurgeFailure(`HTTP ${response.status}${said ? `: ${said}` : ''}`, retryableStatus(response.status));
  }
}

/** Splits a list into runs of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Api base addresses are kept without trailing slashes. */
export function trimSlashes(url: string): string {
  return url.replace(/\/+$/, '');
}

/** Tells the CDN in front to drop the cached answers tagged with some surrogate keys. */
export interface CdnPurger {
  readonly name: string;
  /** Resolves once the batch holding these keys has been sent, or has finally failed; never rejects. */
  purge(keys: readonly string[]): Promise<void>;
  /** Drops everything the CDN holds for the site. */
  purgeAll(): Promise<void>;
  stats(): { purges: number; keysSent: number; failures: number; lastError: string | null };
}

/** What createCdnPurger returns: a CdnPurger that can also be flushed, and closed at shutdown. */
export interface BatchingCdnPurger extends CdnPurger {
  /** Sends what is waiting now instead of after the coalescing delay; resolves when it is done. */
  flush(): Promise<void>;
  /** Sends what is waiting, cuts retry waits short (one last try each), resolves when all is done. */
  close(): Promise<void>;
}

/** pino's logger fits. */
export interface PurgeLog {
  warn(obj: object, msg: string): void;
  info?(obj: object, msg: string): void;
}
