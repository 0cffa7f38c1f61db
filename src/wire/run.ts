import fs from 'node:fs';
import path from 'node:path';
import type { DB } from '../db/connect.js';
import type { OutboundPolicy } from '../net/address-policy.js';
import { BodyTooLargeError } from '../net/http-body.js';
import { describeFailure, describeStatus, outboundFetch, type OutboundRequest } from '../net/outbound.js';
import { ingestWireItems } from './batch.js';
import { emptySummary, type IngestItemOptions, type IngestSummary } from './ingest.js';
import { WireFormatError, type ParseResult } from './item.js';
import { parseWire } from './parse.js';
import { MAX_INPUT_BYTES } from './safe-input.js';
import type { WireSource } from './sources.js';

export interface IngestOptions {
  /** The agency the input comes from (feeds otherwise name themselves). */
  agency?: string;
  /** The configured source's name, recorded with each item. */
  source?: string;
  /** A configured source's filing and rule, and what to do after each new story. */
  item?: Omit<IngestItemOptions, 'source' | 'now'>;
  /** Called after each item: done so far, and the total known so far. */
  onProgress?: (done: number, total: number) => void;
  /** For URLs: what may be reached besides public addresses, and addresses taken as given (the
   *  ones typed on the command line). */
  outbound?: Pick<OutboundRequest, 'policy' | 'trust'>;
}

const FETCH_TIMEOUT_MS = 30_000;

/** Reads a URL through the outbound client, with a time-out and the size limit. */
async function fetchBounded(url: string, outbound: Pick<OutboundRequest, 'policy' | 'trust'> = {}): Promise<Buffer> {
  let res: Response;
  try {
    res = await outboundFetch(url, {
      ...outbound,
      timeoutMs: FETCH_TIMEOUT_MS,
      maxBytes: MAX_INPUT_BYTES,
      headers: { 'user-agent': 'Wiredesk wire desk', accept: 'application/xml, application/json, */*' },
    });
  } catch (error) {
    throw new WireFormatError(`${url}: ${describeFailure(error, FETCH_TIMEOUT_MS)}`);
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => {});
    throw new WireFormatError(`${url} ${describeStatus(res.status)}`);
  }
  return readBounded(res, url);
}

/** A response body, refused past the size limit (checked as it arrives, not only as declared). */
export async function readBounded(res: Response, url: string): Promise<Buffer> {
  const tooLarge = () => new WireFormatError(`${url} is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB`);
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > MAX_INPUT_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      if (size > MAX_INPUT_BYTES) throw tooLarge();
      chunks.push(Buffer.from(chunk));
    }
  } catch (error) {
    throw error instanceof BodyTooLargeError ? tooLarge() : error;
  }
  return Buffer.concat(chunks);
}

/** What a configured source's runs need besides the database: the picture hook and the outbound policy. */
export type SourceHooks = Pick<IngestItemOptions, 'heroFor'> & { outbound?: OutboundPolicy };

/** The files a path names: itself, or the regular files of a folder in name order. */
function filesOf(target: string): string[] {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return [target];
  return fs
    .readdirSync(target, { withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => path.join(target, e.name))
    .sort();
}

/**
 * Ingests files, folders or URLs. A document that cannot be read, or an item that cannot be
 * taken, is listed with its reason; everything else goes on.
 */
export async function ingestInputs(db: DB, inputs: string[], options: IngestOptions = {}): Promise<IngestSummary> {
  const summary = emptySummary();
  let done = 0;
  let total = 0;
  const documents: { name: string; read: () => Promise<Buffer> }[] = [];
  for (const input of inputs) {
    if (/^https?:\/\//i.test(input)) documents.push({ name: input, read: () => fetchBounded(input, options.outbound) });
    else {
      try {
        for (const file of filesOf(input)) {
          documents.push({
            name: file,
            read: async () => {
              if (fs.statSync(file).size > MAX_INPUT_BYTES) throw new WireFormatError(`larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB`);
              return fs.promises.readFile(file);
            },
          });
        }
      } catch (error) {
        summary.rejected.push({
          itemId: null,
          file: input,
          reason: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (error as Error).message,
        });
      }
    }
  }
  for (const doc of documents) {
    let parsed;
    try {
      parsed = parseWire(await doc.read(), { agency: options.agency });
    } catch (error) {
      summary.rejected.push({ itemId: null, file: doc.name, reason: (error as Error).message });
      continue;
    }
    total += parsed.items.length;
    await ingestParsed(db, parsed, doc.name, summary, options, () => options.onProgress?.(++done, total));
  }
  return summary;
}

/** `wiredesk ingest`'s exit codes (README, The `wiredesk` command). */
export const INGEST_EXIT = { allTaken: 0, nothingTaken: 1, someRejected: 3 } as const;

/**
 * 0: nothing was rejected (an empty folder included); 1: something was rejected and nothing
 * taken (every document unreadable, or every item refused); 3: some documents or items were
 * rejected and the rest taken. "Taken" counts every item decided, ignored versions included.
 */
export function ingestExitCode(summary: IngestSummary): number {
  if (summary.rejected.length === 0) return INGEST_EXIT.allTaken;
  const taken = summary.new + summary.updated + summary.merged + summary.ignored + summary.withheld + summary.canceled;
  return taken === 0 ? INGEST_EXIT.nothingTaken : INGEST_EXIT.someRejected;
}

/** How a configured source's copy is taken: its agency, its name, its filing and its rule. */
export function optionsForSource(source: WireSource, hooks: SourceHooks = {}): IngestOptions {
  return {
    agency: source.agency,
    source: source.name,
    item: {
      defaults: { edition: source.edition, sectors: source.sectors },
      autoPublish: source.rule === 'auto-publish',
      ...(hooks.heroFor ? { heroFor: hooks.heroFor } : {}),
    },
  };
}

/** Ingests the items of one parsed document into `summary`, in batches (batch.ts). */
export async function ingestParsed(
  db: DB,
  parsed: ParseResult,
  name: string,
  summary: IngestSummary,
  options: IngestOptions,
  afterEach?: () => void,
): Promise<void> {
  for (const r of parsed.rejected) summary.rejected.push({ itemId: r.itemId, file: name, reason: r.reason });
  await ingestWireItems(db, parsed.items, { source: options.source, ...options.item }, (result) => {
    if ('outcome' in result) summary[result.outcome] += 1;
    else summary.rejected.push({ itemId: result.item.itemId, file: name, reason: result.error.message });
    afterEach?.();
  });
}
