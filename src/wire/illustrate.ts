import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config, ImageEndpoint } from '../config.js';
import { ValidationError } from '../content/errors.js';
import { hashSeed, ILLUSTRATION_HEIGHT, ILLUSTRATION_WIDTH, illustrationSvg } from '../content/illustration.js';
import { createMedia, findMediaByFile, type DigitalSourceType, type Media } from '../content/media.js';
import { inspectImage, MAX_UPLOAD_BYTES } from '../content/uploads.js';
import type { DB } from '../db/connect.js';
import { findCountry, findSector } from '../content/taxonomy.js';
import type { ItemAnalysis } from './ingest.js';
import type { WireItem } from './item.js';
import type { OutboundPolicy } from '../net/address-policy.js';
import { apiErrorMessage, BodyTooLargeError, readBody } from '../net/http-body.js';
import { describeFailure, outboundFetch } from '../net/outbound.js';

/**
 * A hero image for every wire story: the agency's own photograph when it sent one, otherwise an
 * illustration from a configured image model (IMAGE_GEN_BASE_URL), otherwise one composed by
 * code from the story's sector and country. Every image is recorded with its IPTC digital
 * source type, so the page says what it is: digitalCapture for a photograph,
 * trainedAlgorithmicMedia ("AI-generated illustration") for a model's, algorithmicMedia for ours.
 */

/** Where warnings go (a pino/Fastify logger fits). */
export interface IllustrationLog {
  warn(message: string): void;
}

export interface AgencyImage {
  url: string;
  caption: string;
  credit: string;
  usageTerms: string;
}

/** What a story is about, for choosing and describing its picture. */
export interface StoryForImage {
  headline: string;
  sectorSlug: string | null;
  sectorName: string | null;
  countryCode: string | null;
  countryName: string | null;
  /** Keeps a story's illustration stable: the article id or the agency item id. */
  seed: number | string;
  /** The agency's pictures, in its order; the first one that can be fetched is used. */
  agencyImages?: readonly AgencyImage[];
  /** The agency's name, the credit of a photograph that names nobody. */
  agency?: string;
}

export interface HeroOptions {
  log?: IllustrationLog;
  /** Downloads of agency pictures (default 30 s). */
  downloadTimeoutMs?: number;
  /** The image model's answer (default 120 s). */
  generateTimeoutMs?: number;
}

const DOWNLOAD_TIMEOUT_MS = 30_000;
const GENERATE_TIMEOUT_MS = 120_000;
/** A base64 image of MAX_UPLOAD_BYTES, with room for the JSON around it. */
const MAX_GENERATION_RESPONSE_BYTES = Math.ceil((MAX_UPLOAD_BYTES * 4) / 3) + 64 * 1024;
export const GENERATED_IMAGE_SIZE = '1536x1024';

const EXTENSIONS = ['jpg', 'png', 'webp', 'gif', 'avif'] as const;
const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 24);
const safeSlug = (text: string | null) =>
  (text ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'none';
const seedNumber = (seed: number | string) => (typeof seed === 'number' && Number.isSafeInteger(seed) ? seed >>> 0 : hashSeed(String(seed)));
const consoleLog: IllustrationLog = { warn: (message) => console.warn(message) };

/** What the pictures need of the configuration; `outbound` (OUTBOUND_ALLOW) absent: public addresses only. */
export type HeroConfig = Pick<Config, 'dataDir' | 'imageGen'> & { outbound?: OutboundPolicy };

/**
 * The hero image for a new story: the first agency picture that can be fetched, else the
 * configured image model's illustration, else a local one. Failures of the first two are logged
 * with the reason and fall through; null only when even the local illustration cannot be stored.
 */
export async function heroForStory(db: DB, config: HeroConfig, story: StoryForImage, options: HeroOptions = {}): Promise<Media | null> {
  const log = options.log ?? consoleLog;
  const first = story.agencyImages?.[0];
  if (first) {
    try {
      return await fetchAgencyImage(db, config.dataDir, first, {
        timeoutMs: options.downloadTimeoutMs,
        agency: story.agency,
        headline: story.headline,
        outbound: config.outbound,
      });
    } catch (error) {
      log.warn(`agency image ${first.url} not used for "${story.headline}": ${reasonOf(error)}`);
    }
  }
  if (config.imageGen) {
    try {
      return await generateIllustration(db, config.dataDir, config.imageGen, story, { timeoutMs: options.generateTimeoutMs, outbound: config.outbound });
    } catch (error) {
      log.warn(`image model at ${config.imageGen.baseUrl} gave no illustration for "${story.headline}", using a local one: ${reasonOf(error)}`);
    }
  }
  try {
    return await localIllustration(db, config.dataDir, story);
  } catch (error) {
    log.warn(`no illustration for "${story.headline}": ${reasonOf(error)}`);
    return null;
  }
}

const reasonOf = (error: unknown) => (error instanceof Error ? (error.name === 'TimeoutError' ? 'no answer in time' : error.message) : String(error));

/** A failed request in our words (refused, timed out, too large, …); other errors as they are. */
const requestFailure = (error: unknown, timeoutMs: number): Error =>
  error instanceof ValidationError || (error as Error | null)?.name === 'TimeoutError' ? (error as Error) : new Error(describeFailure(error, timeoutMs));

// ── (a) Local illustration ───────────────────────────────────────────────────

/**
 * An SVG illustration composed by code from the story's sector and country, stored once under
 * media/illustrations/ with a name made from sector, country and seed: asking again for the same
 * story returns the same media.
 */
export async function localIllustration(db: DB, dataDir: string, story: Omit<StoryForImage, 'agencyImages'>): Promise<Media> {
  const seed = seedNumber(story.seed);
  const country = (story.countryCode ?? '').toUpperCase();
  const file = `illustrations/${safeSlug(story.sectorSlug)}-${safeSlug(country)}-${seed.toString(36)}.svg`;
  const existing = await findMediaByFile(db, file);
  if (existing) return existing;
  const sectorName = story.sectorName?.trim() ?? '';
  const countryName = story.countryName?.trim() ?? '';
  writeOnce(dataDir, file, Buffer.from(illustrationSvg({ sectorSlug: story.sectorSlug ?? '', sectorName, countryName, countryCode: country, seed })));
  const about = [sectorName && `the ${sectorName} section`, countryName && `marked ${countryName}`].filter(Boolean).join(', ');
  return createMedia(db, {
    file,
    mimeType: 'image/svg+xml',
    width: ILLUSTRATION_WIDTH,
    height: ILLUSTRATION_HEIGHT,
    altText: about ? `Abstract illustration in the colours of ${about}` : 'Abstract generated illustration',
    caption: 'Generated illustration, composed by a computer program from the story’s section and country; it is not a photograph of a real event or place.',
    credit: 'Wiredesk (generated illustration)',
    digitalSourceType: 'algorithmicMedia',
  });
}

// ── (b) An image model ───────────────────────────────────────────────────────

/** The prompt for an image model: an editorial illustration, no text, no real people. */
export function illustrationPrompt(story: Pick<StoryForImage, 'headline' | 'sectorName' | 'countryName'>): string {
  return [
    'An editorial illustration for a news story on a development news site.',
    `The story: "${story.headline.slice(0, 300)}".`,
    story.sectorName ? `Topic: ${story.sectorName}.` : '',
    story.countryName ? `Place: ${story.countryName}; suggest it through landscape, architecture or everyday objects, not flags or maps with writing.` : '',
    'Style: flat, modern editorial illustration with a calm, muted palette; symbolic rather than literal; clearly an illustration, not photorealistic.',
    'Do not include any text, letters, numbers, captions, logos or watermarks.',
    'Do not depict real or identifiable people, public figures or real events; any people are generic, anonymous figures.',
  ]
    .filter(Boolean)
    .join(' ');
}

/**
 * Asks an OpenAI-compatible images endpoint for an illustration and stores it as
 * trainedAlgorithmicMedia. The same story and prompt give the same file name, so a second call
 * returns the stored image without asking the model again. Throws with the reason on any failure.
 */
export async function generateIllustration(
  db: DB,
  dataDir: string,
  endpoint: ImageEndpoint,
  story: Omit<StoryForImage, 'agencyImages'>,
  options: { timeoutMs?: number; outbound?: OutboundPolicy } = {},
): Promise<Media> {
  const prompt = illustrationPrompt(story);
  const stem = `ai/${digest(`${endpoint.model ?? ''}\n${seedNumber(story.seed)}\n${prompt}`)}`;
  const existing = await findStored(db, stem);
  if (existing) return existing;

  const timeoutMs = options.timeoutMs ?? GENERATE_TIMEOUT_MS;
  const signal = AbortSignal.timeout(timeoutMs);
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (endpoint.apiKey) headers.authorization = `Bearer ${endpoint.apiKey}`;
  const request = { ...(endpoint.model ? { model: endpoint.model } : {}), prompt, size: GENERATED_IMAGE_SIZE, response_format: 'b64_json', n: 1 };
  // The endpoint is the operator's setting (IMAGE_GEN_BASE_URL): its own address is trusted.
  const res = await outboundFetch(`${endpoint.baseUrl}/images/generations`, {
    method: 'POST',
    headers,
    body: JSON.stringify(request),
    signal,
    timeoutMs,
    redirect: 'error',
    maxBytes: MAX_GENERATION_RESPONSE_BYTES,
    trust: [endpoint.baseUrl],
  }).catch((error: unknown) => {
    throw requestFailure(error, timeoutMs);
  });
  const text = (await readBody(res, MAX_GENERATION_RESPONSE_BYTES)).toString('utf8');
  // The server's own message goes to the server log only (heroForStory's warning), never to a page.
  if (!res.ok) throw new Error(`the image server answered HTTP ${res.status}${apiErrorMessage(text)}`);
  let json: { data?: { b64_json?: unknown; url?: unknown }[] };
  try {
    json = JSON.parse(text) as typeof json;
  } catch {
    throw new Error('the image server did not answer with JSON');
  }
  const item = json.data?.[0];
  let data: Buffer;
  if (typeof item?.b64_json === 'string' && item.b64_json) {
    data = Buffer.from(item.b64_json.replace(/^data:[^,]*,/, ''), 'base64');
  } else if (typeof item?.url === 'string' && /^https?:\/\//i.test(item.url)) {
    // An address the model server gave: checked like any other, unless it is on the server itself.
    data = await download(item.url, { timeoutMs, signal, outbound: options.outbound, trust: [endpoint.baseUrl] });
  } else {
    throw new Error('the image server answered without an image');
  }
  const model = endpoint.model ?? 'an image model';
  const about = [story.sectorName, story.countryName].filter((s) => s?.trim()).join(', ');
  return storeImage(db, dataDir, stem, data, {
    altText: `AI-generated editorial illustration${about ? ` (${about})` : ''} for the story “${story.headline.slice(0, 200)}”`,
    caption: `AI-generated illustration, made for this story with ${model}; it is not a photograph of a real event or place.`,
    credit: `Generated with ${model}`,
    digitalSourceType: 'trainedAlgorithmicMedia',
  });
}

// ── (c) Agency photographs ───────────────────────────────────────────────────

/**
 * Downloads an agency's picture (http or https only, a time-out, at most 15 MB, the type read
 * from the content, SVG refused) and stores it as a photograph (digitalCapture) with the
 * agency's caption and credit; usage terms are added to the caption, where the desk sees them.
 * The same address is fetched once: a second call returns the stored media. Throws with the
 * reason (ValidationError for a file that is not an acceptable image).
 */
export async function fetchAgencyImage(
  db: DB,
  dataDir: string,
  image: AgencyImage,
  options: { timeoutMs?: number; agency?: string; headline?: string; outbound?: OutboundPolicy } = {},
): Promise<Media> {
  let url: URL;
  try {
    url = new URL(image.url);
  } catch {
    throw new ValidationError(`${image.url} is not an address`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ValidationError(`only http and https addresses are fetched, not ${url.protocol}`);
  const stem = `agency/${digest(url.href)}`;
  const existing = await findStored(db, stem);
  if (existing) return existing;
  const data = await download(url.href, { timeoutMs: options.timeoutMs ?? DOWNLOAD_TIMEOUT_MS, outbound: options.outbound });
  const caption = image.caption.replace(/\s+/g, ' ').trim();
  const terms = image.usageTerms.replace(/\s+/g, ' ').trim();
  const credit = (image.credit.replace(/\s+/g, ' ').trim() || options.agency?.trim() || '').replace(/^photo:\s*/i, '');
  const fullCaption = [caption, terms && `Usage terms: ${terms}${/[.!?]$/.test(terms) ? '' : '.'}`].filter(Boolean).join(' ');
  return storeImage(db, dataDir, stem, data, {
    altText: (caption || `Agency photograph${options.headline ? ` for the story “${options.headline.slice(0, 200)}”` : ''}`).slice(0, 500),
    caption: clip(fullCaption, 1000),
    // The page shows a photograph's credit as "Photo: <credit>".
    credit: clip(credit, 200),
    digitalSourceType: 'digitalCapture',
  });
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

// ── Shared ───────────────────────────────────────────────────────────────────

/** A stored image whose file is `stem` with any accepted extension. */
async function findStored(db: DB, stem: string): Promise<Media | null> {
  for (const ext of EXTENSIONS) {
    const found = await findMediaByFile(db, `${stem}.${ext}`);
    if (found) return found;
  }
  return null;
}

/** Checks the bytes as an upload is checked (type from the content, size, pixels, not SVG), writes them and records the media. */
async function storeImage(
  db: DB,
  dataDir: string,
  stem: string,
  data: Buffer,
  meta: { altText: string; caption: string; credit: string; digitalSourceType: DigitalSourceType },
): Promise<Media> {
  const kind = await inspectImage(data);
  const file = `${stem}.${kind.ext}`;
  const existing = await findMediaByFile(db, file);
  if (existing) return existing;
  writeOnce(dataDir, file, data);
  return createMedia(db, { file, mimeType: kind.mime, width: kind.width, height: kind.height, ...meta });
}

/** Writes a media file under a temporary name and renames it, so nobody reads half a file. */
function writeOnce(dataDir: string, file: string, data: Buffer): void {
  const target = path.join(dataDir, 'media', file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, target);
}

/**
 * A picture through the outbound client: its address (and every redirect's) must be public or
 * allowed (`outbound`), at most MAX_UPLOAD_BYTES, within the time-out. An address the feed named
 * on this machine or the local network is refused before any connection is made.
 */
async function download(
  url: string,
  options: { timeoutMs: number; signal?: AbortSignal; outbound?: OutboundPolicy; trust?: readonly string[] },
): Promise<Buffer> {
  let res: Response;
  try {
    res = await outboundFetch(url, {
      timeoutMs: options.timeoutMs,
      ...(options.signal ? { signal: options.signal } : {}),
      maxBytes: MAX_UPLOAD_BYTES,
      policy: options.outbound,
      trust: options.trust,
      headers: { 'user-agent': 'Wiredesk wire desk', accept: 'image/avif,image/webp,image/png,image/jpeg,image/gif;q=0.9,*/*;q=0.1' },
    });
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new ValidationError(`${url} is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);
    if ((error as Error | null)?.name === 'TimeoutError') throw error;
    throw new Error(`${url}: ${describeFailure(error, options.timeoutMs)}`);
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => {});
    throw new Error(`${url} answered HTTP ${res.status}`);
  }
  try {
    return await readBody(res, MAX_UPLOAD_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new ValidationError(`${url} is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);
    throw error;
  }
}

/**
 * What ingest calls before it makes a new story: the agency's photo, a generated image or a
 * local illustration, stored and returned as a media id, so the story is created (and, on an
 * auto-publish source, published) with its picture in one change. A failure is logged and the
 * story goes without a picture; it never stops the ingest.
 */
export function heroesForNewStories(db: DB, config: HeroConfig, log: IllustrationLog & { error?(msg: string): void } = console) {
  return async (item: WireItem, analysis: Pick<ItemAnalysis, 'countries' | 'sectors'>): Promise<number | null> => {
    try {
      const [sector, country] = await Promise.all([
        analysis.sectors[0] ? findSector(db, analysis.sectors[0]) : null,
        analysis.countries[0] ? findCountry(db, analysis.countries[0]) : null,
      ]);
      const media = await heroForStory(
        db,
        config,
        {
          headline: item.headline,
          sectorSlug: sector?.slug ?? null,
          sectorName: sector?.name ?? null,
          countryCode: country?.code ?? null,
          countryName: country?.name ?? null,
          seed: `${item.agency}\u0000${item.itemId}`,
          agencyImages: item.images,
          agency: item.agency,
        },
        { log },
      );
      return media?.id ?? null;
    } catch (error) {
      log.warn(`"${item.headline}" gets no picture: ${(error as Error).message}`);
      return null;
    }
  };
}
