/**
 * `wiredesk demo-wire`: a fictional agency stream for demos, tests and benchmarks. Four invented
 * agencies file news built from the demo story templates (placeholders filled with the demo
 * countries) in all five wire formats, with what a real desk receives: later versions, re-sends
 * under a new id, the same event from a second agency in other words, repeats of items already
 * received, late older versions, withheld and canceled items, embargo times, datelines, subjects
 * and pictures with credits. The same seed gives the same bytes.
 */
import { seededRandom } from '../content/illustration.js';
import fs from 'node:fs';
import path from 'node:path';
import { paragraphsToHtml } from '../content/html.js';
import { referenceCountries } from '../content/taxonomy.js';
import { placeholderFiller } from './placeholders.js';
import { storyTemplates, type StoryTemplate } from './stories.js';
import { demoAgencies, demoCountries } from './taxonomy.js';
import { referenceSectors } from '../content/reference-taxonomy.js';
import type { WireFormat } from '../wire/item.js';

export interface DemoWireOptions {
  /** How many items the stream holds, counting every version, re-send, duplicate and repeat. */
  items: number;
  seed?: number;
  /** The time of the first item (ISO); a fixed date by default, so the output is reproducible. */
  start?: string;
}

export type DemoWireVariant = 'rss' | 'atom' | 'jsonfeed' | 'ninjs2' | 'ninjs1' | 'newsml-g2' | 'newsml-g2-nitf';

/** One file of the stream; its text is made only when asked for. */
export interface DemoWireFile {
  name: string;
  format: WireFormat;
  variant: DemoWireVariant;
  agency: string;
  items: number;
  render(): string;
}

type ItemRef = { agency: string; itemId: string };

export interface DemoWireManifest {
  generator: 'wiredesk demo-wire';
  seed: number;
  items: number;
  start: string;
  end: string;
  files: { name: string; format: WireFormat; variant: DemoWireVariant; agency: string; items: number }[];
  formats: Record<WireFormat, { files: number; items: number }>;
  variants: Partial<Record<DemoWireVariant, { files: number; items: number }>>;
  agencies: Record<string, number>;
  /** Distinct events (a template in a country at a time), however many items tell them. */
  events: number;
  /** Items by version number; items (agency + id) that have more than one version. */
  versions: { byVersion: Record<string, number>; itemsWithVersions: number; lateOlderVersions: number };
  /** Same agency, same content, a new item id. */
  resends: (ItemRef & { of: ItemRef })[];
  /** A second agency's item about the same event, reworded. */
  duplicates: (ItemRef & { of: ItemRef })[];
  /** An item delivered again with the same id and version (feeds overlap). */
  repeats: number;
  withheld: number;
  canceled: number;
  embargoed: number;
  withImages: number;
  withDatelineCountry: number;
  /**
   * What `wiredesk ingest` of the folder into an empty database reports, before any duplicate
   * merging: duplicates and re-sends are counted here as new (merging turns some into merged).
   */
  expected: { new: number; updated: number; ignored: number; withheld: number; canceled: number; rejected: number; wireItems: number; uniqueItems: number };
}

// ── Randomness and text helpers ─────────────────────────────────────────────

/** The same generator as the demo's illustrations: small, fast and the same on every platform. */
const rng = seededRandom;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const xml = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');
const reEscape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Replaces whole words or phrases in one pass (so replacements are never replaced again). */
function replaceWords(text: string, map: Record<string, string>): string {
  const keys = Object.keys(map).sort((a, b) => b.length - a.length);
  if (!keys.length) return text;
  return text.replace(new RegExp(`\\b(${keys.map(reEscape).join('|')})\\b`, 'g'), (m) => map[m] ?? m);
}

// Headline verbs and nouns another desk would choose instead (title case, as in the templates).
const HEADLINE_SYNONYMS: Record<string, string> = {
  Lifts: 'Raises',
  Raise: 'Grow',
  Help: 'Aid',
  Let: 'Allow',
  Puts: 'Places',
  Takes: 'Brings',
  Record: 'Document',
  Wins: 'Secures',
  Graduates: 'Sends Out',
  Connects: 'Links',
  'Speed Up': 'Accelerate',
  Builds: 'Develops',
  Draw: 'Attract',
  Opens: 'Launches',
  'Pays Out': 'Disburses',
  Boosts: 'Improves',
  Cut: 'Reduce',
  Turn: 'Convert',
  Launches: 'Starts',
  Sign: 'Agree',
  Upholds: 'Confirms',
  Clear: 'Resolve',
  Publishes: 'Releases',
  Vote: 'Decide',
  Vaccinates: 'Immunises',
  Lets: 'Allows',
  Screen: 'Test',
  Records: 'Counts',
  Map: 'Track',
  Gives: 'Offers',
  Finds: 'Shows',
  Reach: 'Cover',
  Extends: 'Expands',
  'Kicks Off': 'Begins',
  Get: 'Receive',
  Draws: 'Attracts',
  Reopen: 'Open Again',
  Halve: 'Cut by Half',
  Cuts: 'Reduces',
  Trained: 'Schooled',
  Installed: 'Built',
  Brings: 'Delivers',
  'Hands Over': 'Delivers',
  'Move Into': 'Relocate to',
  Signs: 'Agrees',
  Restore: 'Bring Back',
  Rises: 'Climbs',
  Upgrades: 'Improves',
  Farmers: 'Growers',
  Villages: 'Rural Communities',
  Children: 'Youngsters',
};
// Running text: the same facts in other words.
const TEXT_SYNONYMS: Record<string, string> = {
  about: 'around',
  roughly: 'approximately',
  'more than': 'over',
  'according to': 'citing',
  launched: 'started',
  helped: 'assisted',
  began: 'started',
  'plans to': 'intends to',
  'expected to': 'set to',
  residents: 'locals',
  officials: 'authorities',
  nearly: 'almost',
  largest: 'biggest',
  'a third': 'one third',
  rose: 'increased',
  fell: 'dropped',
  households: 'families',
};
const US_SPELLING: Record<string, string> = {
  programme: 'program',
  programmes: 'programs',
  organisation: 'organization',
  organisations: 'organizations',
  organisers: 'organizers',
  organised: 'organized',
  neighbourhood: 'neighborhood',
  neighbourhoods: 'neighborhoods',
  Neighbourhoods: 'Neighborhoods',
  centre: 'center',
  centres: 'centers',
  Centre: 'Center',
  metres: 'meters',
  kilometres: 'kilometers',
  labour: 'labor',
  favour: 'favor',
  colour: 'color',
  recognised: 'recognized',
  prioritise: 'prioritize',
  travelled: 'traveled',
  Programme: 'Program',
  Immunises: 'Immunizes',
  immunised: 'immunized',
  mobilise: 'mobilize',
  mobilised: 'mobilized',
  utilise: 'utilize',
  analyse: 'analyze',
};
const PER_CENT: Record<string, string> = { percent: 'per cent' };

/** A sentence's first letter in lower case, to follow "X said that …", unless it starts with a
 *  name: a word of the country's names, or two capitalised words in a row ("Greenbelt Trust"). */
const lowerFirst = (s: string, names: Set<string>) => {
  const [first = '', second = ''] = s.split(/\s+/, 2);
  const isName = names.has(first.replace(/'s$/, '')) || /^[A-Z]/.test(second) || /^[A-Z0-9-]{2,}$/.test(first);
  return isName ? s : s.charAt(0).toLowerCase() + s.slice(1);
};
const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const sentencesOf = (p: string) => p.split(/(?<=[.!?]["”]?)\s+(?=["“A-Z0-9])/);
/** A sentence that leans on the one before it ("It serves …") cannot go first. */
const standsAlone = (sentence: string) =>
  !/^(It|Its|They|Their|This|These|That|Those|He|She|His|Her|The|Each|Both|Most|Many|Some|But|And|Also)\b/.test(sentence);

/** The first two sentences swapped when the second can stand first; otherwise as they were. */
function swapFirstTwo(sentences: string[]): string[] {
  if (sentences.length >= 2 && standsAlone(sentences[1]!)) [sentences[0], sentences[1]] = [sentences[1]!, sentences[0]!];
  return sentences;
}

/** The lead in other words: attribution moved to the front, or its first two sentences swapped. */
function rewordParagraph(p: string, names: Set<string>): string {
  const sentences = sentencesOf(p);
  const first = sentences[0]!;
  const according = /^(.+), (according to [^,]+)\.$/.exec(first);
  const said = /^(.+), ((?:the |a |an )?[^,"]{3,60}? said(?: (?:in|at|on|during) [^,"]{3,80})?)\.$/.exec(first);
  if (according) sentences[0] = `${upperFirst(according[2]!)}, ${lowerFirst(according[1]!, names)}.`;
  else if (said && !said[1]!.includes('"')) sentences[0] = `${upperFirst(said[2]!)} that ${lowerFirst(said[1]!, names)}.`;
  else swapFirstTwo(sentences);
  return replaceWords(sentences.join(' '), TEXT_SYNONYMS);
}

// ── Agencies, their house styles and channels ───────────────────────────────

interface Agency {
  name: string;
  prefix: string;
  domain: string;
  headline: 'title' | 'sentence' | 'country-label';
  spelling: Record<string, string>;
  dateline: (city: string, country: string, t: Date) => string;
  byline: (ev: DemoEvent) => string;
  itemId: (n: number, t: number) => string;
}

const mon = (t: Date) => MONTHS[t.getUTCMonth()]!.slice(0, 3);
const styles: Record<string, Omit<Agency, 'name' | 'prefix'>> = {
  MNA: {
    domain: 'meridian.example',
    headline: 'title',
    spelling: {},
    dateline: (city, _c, t) => `${city.toUpperCase()}, ${mon(t)} ${t.getUTCDate()} (MNA) – `,
    byline: (ev) => `${ev.capital} bureau`,
    itemId: (n, t) => `MNA-${iso(t).slice(0, 10).replaceAll('-', '')}-${String(n).padStart(6, '0')}`,
  },
  EPS: {
    domain: 'equator-press.example',
    headline: 'sentence',
    spelling: PER_CENT,
    dateline: (city, _c, t) => `${city}, ${t.getUTCDate()} ${MONTHS[t.getUTCMonth()]} (EPS) — `,
    byline: (ev) => `EPS ${ev.sectorName} desk`,
    itemId: (n, t) => `urn:eps:${new Date(t).getUTCFullYear()}:${String(n).padStart(6, '0')}`,
  },
  CW: {
    domain: 'continental-wire.example',
    headline: 'country-label',
    spelling: US_SPELLING,
    dateline: (city) => `${city.toUpperCase()} (CW) — `,
    byline: (ev) => `Continental Wire correspondent in ${ev.capital}`,
    itemId: (n) => `urn:cw:item:${String(n).padStart(7, '0')}`,
  },
  LHN: {
    domain: 'lighthouse-newswire.example',
    headline: 'sentence',
    spelling: US_SPELLING,
    dateline: (city, country, t) => `${city.toUpperCase()}, ${country}, ${mon(t)}. ${t.getUTCDate()} (LHN) — `,
    byline: (ev) => `Lighthouse Newswire staff, ${ev.capital}`,
    itemId: (n) => `urn:lhn:item:${String(n).padStart(7, '0')}`,
  },
};
const agencies: Agency[] = demoAgencies.map((a) => ({ ...a, ...(styles[a.prefix] ?? styles.MNA!) }));

interface Channel {
  agency: Agency;
  variant: DemoWireVariant;
  format: WireFormat;
  /** Carries versions, status and embargo (the IPTC formats); feeds carry version 1 only. */
  versioned: boolean;
  images: boolean;
}
const channel = (agency: Agency, variant: DemoWireVariant): Channel => {
  const format: WireFormat = variant.startsWith('ninjs') ? 'ninjs' : variant.startsWith('newsml') ? 'newsml-g2' : (variant as WireFormat);
  return { agency, variant, format, versioned: format === 'ninjs' || format === 'newsml-g2', images: format !== 'newsml-g2' };
};
const [MNA, EPS, CW, LHN] = agencies as [Agency, Agency, Agency, Agency];
/** Each agency's feed (unversioned, if it has one) and its IPTC channels, first the main one. */
const channelsOf = new Map<Agency, { feed: Channel | null; wire: Channel[] }>([
  [MNA, { feed: channel(MNA, 'rss'), wire: [channel(MNA, 'newsml-g2')] }],
  [EPS, { feed: channel(EPS, 'atom'), wire: [channel(EPS, 'ninjs2')] }],
  [CW, { feed: channel(CW, 'jsonfeed'), wire: [channel(CW, 'newsml-g2-nitf')] }],
  [LHN, { feed: null, wire: [channel(LHN, 'ninjs2'), channel(LHN, 'ninjs1')] }],
]);

// ── Events and deliveries ───────────────────────────────────────────────────

interface DemoEvent {
  template: StoryTemplate;
  country: string;
  code: string;
  capital: string;
  demonym: string;
  sectorName: string;
  subjects: { slug: string; name: string; qcode: string }[];
  at: number;
}

type Note = 'embargo' | 'withheld' | 'canceled' | null;

interface Delivery {
  seq: number;
  /** When it arrives (the stream's order); versionTime is the item's own time. */
  at: number;
  versionTime: number;
  firstCreated: number;
  event: DemoEvent;
  channel: Channel;
  itemId: string;
  version: number;
  status: 'usable' | 'withheld' | 'canceled';
  embargo: number | null;
  reworded: boolean;
  updates: number;
  note: Note;
  image: boolean;
  urgency: number;
  role: 'item' | 'version' | 'late' | 'repeat' | 'resend' | 'duplicate';
  of?: ItemRef;
}

const MEDIA_TOPICS: Record<string, string> = {
  'agriculture-forestry': 'medtop:04000000',
  'art-culture': 'medtop:01000000',
  technology: 'medtop:13000000',
  'economy-business': 'medtop:04000000',
  education: 'medtop:05000000',
  'energy-extractives': 'medtop:04000000',
  politics: 'medtop:11000000',
  'law-governance': 'medtop:02000000',
  health: 'medtop:07000000',
  'science-environment': 'medtop:06000000',
  'social-gender': 'medtop:14000000',
  sports: 'medtop:15000000',
  transport: 'medtop:04000000',
  'urban-development': 'medtop:14000000',
  'water-sanitation': 'medtop:06000000',
};

const UPDATE_NOTES = [
  'Officials in {capital} confirmed the figures later in the day and said a review of the scheme would follow in six months.',
  'Organisers released revised figures after this story was first sent; the numbers above reflect them.',
  'A spokesperson for the district administration said on Thursday that the next phase would begin before the rainy season.',
  'Adds comment: a local councillor told reporters the results were encouraging but that funding for next year was not yet secured.',
];

/**
 * Plans the stream: which events happen, who files them, in which channel and with which
 * versions; then cuts it to exactly `items` items in arrival order and batches each channel's
 * items into files of 50 to 200. Text is written only when a file is rendered.
 */
export function generateDemoWire(options: DemoWireOptions): { files: DemoWireFile[]; manifest: DemoWireManifest } {
  const total = options.items;
  if (!Number.isInteger(total) || total < 1) throw new RangeError('items must be a positive whole number');
  const seed = options.seed ?? 1;
  const rand = rng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const start = Date.parse(options.start ?? '2026-11-02T05:00:00Z');
  if (Number.isNaN(start)) throw new RangeError('start must be an ISO time');

  const byCode = new Map(referenceCountries().map((c) => [c.code, c]));
  const countries = demoCountries.map((code) => byCode.get(code)).filter((c) => c !== undefined);
  const news = storyTemplates.filter((t) => t.kind === 'news');
  const sectorNames = new Map(referenceSectors.map((s) => [s.slug, s.name]));
  // Every template in every country once per cycle, in a shuffled order.
  const combos: [number, number][] = news.flatMap((_, t) => countries.map((_c, c): [number, number] => [t, c]));
  let comboIndex = combos.length;
  const nextCombo = () => {
    if (comboIndex >= combos.length) {
      for (let i = combos.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [combos[i], combos[j]] = [combos[j]!, combos[i]!];
      }
      comboIndex = 0;
    }
    return combos[comboIndex++]!;
  };
  const counters = new Map<Agency, number>();
  // Each seed numbers its items from its own block, so two seeds' streams never share an item id
  // (ingesting both adds stories instead of mistaking one for re-sends of the other).
  const block = (Math.abs(Math.trunc(seed)) % 9_000) * 1_000;
  const newId = (agency: Agency, t: number) => {
    const n = (counters.get(agency) ?? block) + 1;
    counters.set(agency, n);
    return agency.itemId(n, t);
  };

  const deliveries: Delivery[] = [];
  let seq = 0;
  const add = (d: Omit<Delivery, 'seq'>): Delivery => {
    const delivery = { ...d, seq: seq++ };
    deliveries.push(delivery);
    return delivery;
  };
  let t = start;
  let reachedAt: number | null = null;
  // Every delivery arrives within 24 hours of its event, so once `total` are planned, events
  // more than a day later cannot come before the cut.
  while (reachedAt === null || t <= reachedAt + 24 * HOUR) {
    t += between(1, 6) * MINUTE;
    const [ti, ci] = nextCombo();
    const template = news[ti]!;
    const c = countries[ci]!;
    const sectors = [template.sector, ...(template.extraSectors ?? [])];
    const event: DemoEvent = {
      template,
      country: c.name,
      code: c.code,
      capital: c.capitals[0] ?? c.name,
      demonym: c.demonym || c.name,
      sectorName: sectorNames.get(template.sector) ?? template.sector,
      subjects: sectors.map((slug) => ({ slug, name: sectorNames.get(slug) ?? slug, qcode: MEDIA_TOPICS[slug] ?? 'medtop:14000000' })),
      at: t,
    };
    const agency = pick(agencies);
    const { feed, wire } = channelsOf.get(agency)!;
    const wireChannel = wire.length > 1 && rand() < 0.25 ? wire[1]! : wire[0]!;
    const urgency = rand() < 0.05 ? 2 : rand() < 0.2 ? 3 : 4;
    const base = { event, urgency, reworded: false, updates: 0, note: null as Note, embargo: null as number | null, status: 'usable' as const };
    const itemImage = () => rand() < 0.45;
    const roll = rand();
    const mainChannel = roll < 0.36 || !feed || rand() >= 0.55 ? wireChannel : feed;
    const item = {
      ...base,
      channel: mainChannel,
      itemId: newId(agency, t),
      firstCreated: t,
      at: t,
      versionTime: t,
      version: 1,
      image: mainChannel.images && itemImage(),
      role: 'item' as const,
    };
    let first: Delivery | null = null;
    let plain = false;
    if (roll < 0.18) {
      // Versions 2 (and 3) with changed text; sometimes version 1 arrives again, late.
      first = add(item);
      const t2 = t + between(30, 240) * MINUTE;
      add({ ...item, at: t2, versionTime: t2, version: 2, updates: 1, role: 'version' });
      let last = t2;
      if (rand() < 0.45) {
        last = t2 + between(30, 240) * MINUTE;
        add({ ...item, at: last, versionTime: last, version: 3, updates: 2, role: 'version' });
      }
      if (rand() < 0.25) add({ ...item, at: last + between(10, 60) * MINUTE, role: 'late' });
    } else if (roll < 0.22) {
      // Sent withheld under embargo, then released as usable at the embargo time.
      const release = t + between(1, 6) * HOUR;
      first = add({ ...item, status: 'withheld', embargo: release, note: 'embargo' });
      add({ ...item, at: release, versionTime: release, version: 2, role: 'version' });
    } else if (roll < 0.25) {
      // Usable, then withheld by a later version (legal review).
      first = add(item);
      const t2 = t + between(20, 180) * MINUTE;
      add({ ...item, at: t2, versionTime: t2, version: 2, status: 'withheld', note: 'withheld', role: 'version' });
    } else if (roll < 0.28) {
      // Usable, then canceled (killed) by the agency.
      first = add(item);
      const t2 = t + between(20, 180) * MINUTE;
      add({ ...item, at: t2, versionTime: t2, version: 2, status: 'canceled', note: 'canceled', image: false, role: 'version' });
    } else if (roll < 0.285) {
      // A cancelation for an item this desk never received.
      add({ ...item, firstCreated: t - HOUR, version: 2, status: 'canceled', note: 'canceled', image: false });
    } else {
      // Usable; in the IPTC formats sometimes with an embargo time.
      first = add({ ...item, embargo: roll < 0.36 ? t + between(2, 12) * HOUR : null });
      plain = true;
    }
    if (first) {
      const of = { agency: agency.name, itemId: first.itemId };
      // Feeds overlap: the same item, same version, in a later file.
      if (plain && rand() < 0.04) add({ ...first, at: t + between(20, 240) * MINUTE, role: 'repeat' });
      // A re-send: same agency, same content, a new id.
      if (first.status === 'usable' && rand() < 0.05) {
        const at = t + between(5, 90) * MINUTE;
        const ch = rand() < 0.5 ? mainChannel : (feed ?? wire[0]!);
        add({
          ...first,
          channel: ch,
          itemId: newId(agency, at),
          at,
          versionTime: at,
          firstCreated: at,
          embargo: ch.versioned ? first.embargo : null,
          image: ch.images && first.image,
          role: 'resend',
          of,
        });
      }
      // The same event from another agency, in its own words.
      if (rand() < 0.15) {
        const other = pick(agencies.filter((a) => a !== agency));
        const oc = channelsOf.get(other)!;
        const ch = oc.feed && rand() < 0.5 ? oc.feed : oc.wire[0]!;
        const at = t + between(5, 180) * MINUTE;
        add({
          ...base,
          channel: ch,
          itemId: newId(other, at),
          firstCreated: at,
          at,
          versionTime: at,
          version: 1,
          reworded: true,
          image: ch.images && itemImage(),
          urgency: 4,
          role: 'duplicate',
          of,
        });
      }
    }
    if (reachedAt === null && deliveries.length >= total) reachedAt = t;
  }

  deliveries.sort((a, b) => a.at - b.at || a.seq - b.seq);
  deliveries.length = total;

  // Batch each channel's items into files of 50–200, numbered in the order they fill up.
  const open = new Map<Channel, { target: number; list: Delivery[] }>();
  const batches: { channel: Channel; list: Delivery[] }[] = [];
  for (const d of deliveries) {
    let batch = open.get(d.channel);
    if (!batch) open.set(d.channel, (batch = { target: between(50, 200), list: [] }));
    batch.list.push(d);
    if (batch.list.length >= batch.target) {
      batches.push({ channel: d.channel, list: batch.list });
      open.delete(d.channel);
    }
  }
  for (const [ch, batch] of [...open].sort((a, b) => a[1].list.at(-1)!.at - b[1].list.at(-1)!.at)) batches.push({ channel: ch, list: batch.list });
  const width = Math.max(4, String(batches.length).length);
  const ext = (v: DemoWireVariant) => (v === 'rss' || v === 'atom' || v.startsWith('newsml') ? 'xml' : 'json');
  const files: DemoWireFile[] = batches.map((b, i) => ({
    name: `${String(i + 1).padStart(width, '0')}-${b.channel.variant}-${b.channel.agency.prefix.toLowerCase()}.${ext(b.channel.variant)}`,
    format: b.channel.format,
    variant: b.channel.variant,
    agency: b.channel.agency.name,
    items: b.list.length,
    render: () => renderFile(b.channel, b.list),
  }));

  return {
    files,
    manifest: manifestOf(
      seed,
      start,
      deliveries,
      files,
      batches.map((b) => b.list),
    ),
  };
}

function manifestOf(seed: number, start: number, deliveries: Delivery[], files: DemoWireFile[], batches: Delivery[][]): DemoWireManifest {
  const formats = Object.fromEntries(
    (['rss', 'atom', 'jsonfeed', 'ninjs', 'newsml-g2'] as WireFormat[]).map((f) => [f, { files: 0, items: 0 }]),
  ) as DemoWireManifest['formats'];
  const variants: DemoWireManifest['variants'] = {};
  for (const f of files) {
    formats[f.format].files += 1;
    formats[f.format].items += f.items;
    const v = (variants[f.variant] ??= { files: 0, items: 0 });
    v.files += 1;
    v.items += f.items;
  }
  const agencies: Record<string, number> = {};
  const byVersion: Record<string, number> = {};
  const versionsOf = new Map<string, Set<number>>();
  for (const d of deliveries) {
    agencies[d.channel.agency.name] = (agencies[d.channel.agency.name] ?? 0) + 1;
    byVersion[d.version] = (byVersion[d.version] ?? 0) + 1;
    const key = `${d.channel.agency.name}\n${d.itemId}`;
    versionsOf.set(key, (versionsOf.get(key) ?? new Set()).add(d.version));
  }
  // What ingest will do, item by item in file order (the rules of src/wire/ingest.ts).
  const expected = { new: 0, updated: 0, ignored: 0, withheld: 0, canceled: 0, rejected: 0, wireItems: 0, uniqueItems: 0 };
  const state = new Map<string, { version: number; story: boolean }>();
  for (const d of batches.flat()) {
    const key = `${d.channel.agency.name}\n${d.itemId}`;
    const s = state.get(key);
    if (s && d.version <= s.version) {
      expected.ignored += 1;
      continue;
    }
    expected.wireItems += 1;
    if (d.status === 'canceled') {
      expected.canceled += 1;
      state.set(key, { version: d.version, story: s?.story ?? false });
    } else {
      if (d.status === 'withheld') expected.withheld += 1;
      else if (s?.story) expected.updated += 1;
      else expected.new += 1;
      state.set(key, { version: d.version, story: true });
    }
  }
  expected.uniqueItems = state.size;
  const ref = (d: Delivery) => ({ agency: d.channel.agency.name, itemId: d.itemId, of: d.of! });
  return {
    generator: 'wiredesk demo-wire',
    seed,
    items: deliveries.length,
    start: iso(start),
    end: iso(deliveries.reduce((max, d) => Math.max(max, d.versionTime), start)),
    files: files.map(({ name, format, variant, agency, items }) => ({ name, format, variant, agency, items })),
    formats,
    variants,
    agencies,
    events: new Set(deliveries.map((d) => d.event)).size,
    versions: {
      byVersion,
      itemsWithVersions: [...versionsOf.values()].filter((v) => v.size > 1).length,
      lateOlderVersions: deliveries.filter((d) => d.role === 'late').length,
    },
    resends: deliveries.filter((d) => d.role === 'resend').map(ref),
    duplicates: deliveries.filter((d) => d.role === 'duplicate').map(ref),
    repeats: deliveries.filter((d) => d.role === 'repeat').length,
    withheld: deliveries.filter((d) => d.status === 'withheld').length,
    canceled: deliveries.filter((d) => d.status === 'canceled').length,
    embargoed: deliveries.filter((d) => d.embargo !== null && d.channel.versioned).length,
    withImages: deliveries.filter((d) => d.image).length,
    withDatelineCountry: deliveries.filter((d) => d.channel.format === 'ninjs').length,
    expected,
  };
}

/**
 * The manifest's name in the output folder. It starts with a dot because `wiredesk ingest` and
 * the drop folders skip dot-files: a plain manifest.json would be read as a (rejected) ninjs item.
 */
export const DEMO_WIRE_MANIFEST = '.manifest.json';

/** Writes the stream's files and its manifest into `dir` (created if missing; must be empty). */
export function writeDemoWire(dir: string, options: DemoWireOptions): DemoWireManifest {
  fs.mkdirSync(dir, { recursive: true });
  if (fs.readdirSync(dir).length) throw new Error(`${dir} is not empty; demo-wire writes into an empty folder`);
  const { files, manifest } = generateDemoWire(options);
  for (const file of files) fs.writeFileSync(path.join(dir, file.name), file.render());
  fs.writeFileSync(path.join(dir, DEMO_WIRE_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

// ── Text of one item ────────────────────────────────────────────────────────

interface Copy {
  headline: string;
  standfirst: string;
  paragraphs: string[];
  ednote: string | null;
}

function copyOf(d: Delivery): Copy {
  const ev = d.event;
  const agency = d.channel.agency;
  const fill = placeholderFiller({ country: ev.country, capital: ev.capital, demonym: ev.demonym, agency: agency.name });
  let headline = fill(ev.template.headline);
  let standfirst = fill(ev.template.standfirst);
  let paragraphs = ev.template.paragraphs.map(fill);
  if (d.reworded) {
    headline = replaceWords(headline, HEADLINE_SYNONYMS);
    standfirst = replaceWords(swapFirstTwo(sentencesOf(standfirst)).join(' '), TEXT_SYNONYMS);
    const rest = paragraphs.slice(1);
    if (rest.length >= 3) [rest[0], rest[1]] = [rest[1]!, rest[0]!];
    if (rest.length >= 4) rest.pop();
    // Quotations stay word for word.
    paragraphs = [rewordParagraph(paragraphs[0]!, namesOf(ev)), ...rest.map((p) => (/["“]/.test(p) ? p : replaceWords(p, TEXT_SYNONYMS)))];
  }
  if (d.updates >= 2) headline = replaceWords(headline, HEADLINE_SYNONYMS);
  for (let u = 0; u < d.updates; u++) paragraphs.push(fill(UPDATE_NOTES[(Math.floor(ev.at / MINUTE) + u) % UPDATE_NOTES.length]!));
  // A second agency's headline never takes the first one's pattern.
  const firstStyle = d.of && agencies.find((a) => a.name === d.of!.agency)?.headline;
  const style = d.reworded && firstStyle === agency.headline ? 'country-label' : agency.headline;
  headline = styledHeadline(replaceWords(headline, agency.spelling), style, ev);
  standfirst = replaceWords(standfirst, agency.spelling);
  paragraphs = paragraphs.map((p) => replaceWords(p, agency.spelling));
  paragraphs[0] = agency.dateline(ev.capital, ev.country, new Date(d.firstCreated)) + paragraphs[0];
  // Notes to editors travel in the item's metadata (ninjs ednote, NewsML-G2 edNote), not in the story.
  const ednote =
    d.note === 'embargo'
      ? `EMBARGOED: not for publication before ${iso(d.embargo!).replace('T', ' ').replace('Z', ' UTC')}.`
      : d.note === 'withheld'
        ? 'EDITORS: this story is withheld pending a legal review. Do not use until further notice.'
        : d.note === 'canceled'
          ? `KILL: ${agency.name} has withdrawn this story. Do not use it. No replacement will be sent.`
          : null;
  return { headline, standfirst, paragraphs, ednote };
}

const namesOf = (ev: DemoEvent) => new Set(`${ev.country} ${ev.capital} ${ev.demonym}`.split(/\s+/));

function styledHeadline(headline: string, style: Agency['headline'], ev: DemoEvent): string {
  if (style === 'title') return headline;
  if (style === 'country-label') {
    const name = reEscape(ev.country);
    const rest = headline
      .replace(new RegExp(`\\s\\b(in|of|across|for|to|from|throughout|with|and) (the )?${name}(?=\\b|,)`), '')
      .replace(new RegExp(`^${name}\\s+`), '');
    return `${ev.country}: ${rest}`;
  }
  const keep = namesOf(ev);
  return headline
    .split(' ')
    .map((w, i) =>
      keep.has(w.replace(/('s|'|,|:)$/, '')) || /^[A-Z0-9-]{2,}$/.test(w) ? w : i === 0 ? w.charAt(0) + w.slice(1).toLowerCase() : w.toLowerCase(),
    )
    .join(' ');
}

function imageOf(d: Delivery) {
  if (!d.image) return null;
  const a = d.channel.agency;
  const t = new Date(d.firstCreated);
  const slug = d.itemId.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase();
  return {
    url: `https://media.${a.domain}/photos/${t.getUTCFullYear()}/${String(t.getUTCMonth() + 1).padStart(2, '0')}/${slug}.jpg`,
    caption: `${d.event.capital}, ${d.event.country}: a scene from the ${d.event.sectorName.toLowerCase()} story reported here.`,
    credit: `${a.name} / Photo desk`,
    usageTerms: 'Editorial use only. No archiving.',
  };
}

// ── The five formats ────────────────────────────────────────────────────────

function renderFile(ch: Channel, list: Delivery[]): string {
  const a = ch.agency;
  const updated = iso(Math.max(...list.map((d) => d.at)));
  switch (ch.variant) {
    case 'rss':
      return [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">',
        `<channel><title>${xml(a.name)}</title><link>https://${a.domain}/</link><description>${xml(a.name)}: development news wire (fictional, generated for the Wiredesk demo)</description><language>en</language><lastBuildDate>${new Date(updated).toUTCString()}</lastBuildDate>`,
        ...list.map((d) => {
          const c = copyOf(d);
          const img = imageOf(d);
          return [
            `<item><title>${xml(c.headline)}</title><link>https://${a.domain}/news/${encodeURIComponent(d.itemId)}</link><guid isPermaLink="false">${xml(d.itemId)}</guid>`,
            `<pubDate>${new Date(d.versionTime).toUTCString()}</pubDate><dc:creator>${xml(a.byline(d.event))}</dc:creator><source url="https://${a.domain}/rss.xml">${xml(a.name)}</source>`,
            ...d.event.subjects.map((s) => `<category>${xml(s.name)}</category>`),
            `<description>${xml(c.standfirst)}</description>`,
            `<content:encoded><![CDATA[${paragraphsToHtml(c.paragraphs)}]]></content:encoded>`,
            img
              ? `<media:content url="${xml(img.url)}" medium="image" type="image/jpeg" width="1200" height="800"><media:description>${xml(img.caption)}</media:description><media:credit>${xml(img.credit)}</media:credit><media:copyright>${xml(img.usageTerms)}</media:copyright></media:content>`
              : '',
            '</item>',
          ].join('');
        }),
        '</channel></rss>',
        '',
      ].join('\n');
    case 'atom':
      return [
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>${xml(a.name)}</title><id>urn:${a.prefix.toLowerCase()}:feed</id><updated>${updated}</updated><author><name>${xml(a.name)}</name></author><link rel="self" href="https://${a.domain}/feed.atom"/>`,
        ...list.map((d) => {
          const c = copyOf(d);
          const img = imageOf(d);
          return [
            `<entry><id>${xml(d.itemId)}</id><title>${xml(c.headline)}</title><published>${iso(d.firstCreated)}</published><updated>${iso(d.versionTime)}</updated>`,
            `<author><name>${xml(a.byline(d.event))}</name></author>`,
            ...d.event.subjects.map((s) => `<category term="${xml(s.slug)}" label="${xml(s.name)}"/>`),
            `<link rel="alternate" type="text/html" href="https://${a.domain}/news/${encodeURIComponent(d.itemId)}"/>`,
            img ? `<link rel="enclosure" type="image/jpeg" href="${xml(img.url)}" title="${xml(img.caption)}"/>` : '',
            `<summary>${xml(c.standfirst)}</summary>`,
            `<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">${paragraphsToHtml(c.paragraphs)}</div></content></entry>`,
          ].join('');
        }),
        '</feed>',
        '',
      ].join('\n');
    case 'jsonfeed':
      return `${JSON.stringify(
        {
          version: 'https://jsonfeed.org/version/1.1',
          title: a.name,
          home_page_url: `https://${a.domain}/`,
          feed_url: `https://${a.domain}/feed.json`,
          description: `${a.name}: development news wire (fictional, generated for the Wiredesk demo)`,
          language: 'en',
          authors: [{ name: a.name }],
          items: list.map((d) => {
            const c = copyOf(d);
            const img = imageOf(d);
            return {
              id: d.itemId,
              url: `https://${a.domain}/news/${encodeURIComponent(d.itemId)}`,
              title: c.headline,
              summary: c.standfirst,
              content_html: paragraphsToHtml(c.paragraphs),
              date_published: iso(d.firstCreated),
              date_modified: iso(d.versionTime),
              authors: [{ name: a.byline(d.event) }],
              tags: d.event.subjects.map((s) => s.name),
              ...(img ? { image: img.url } : {}),
            };
          }),
        },
        null,
        1,
      )}\n`;
    case 'ninjs2':
      return `${JSON.stringify(
        list.map((d) => ninjs2(d)),
        null,
        1,
      )}\n`;
    case 'ninjs1':
      return `${JSON.stringify(
        list.map((d) => ninjs1(d)),
        null,
        1,
      )}\n`;
    case 'newsml-g2':
    case 'newsml-g2-nitf':
      return [
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><header><sent>${updated}</sent><sender>${a.domain}</sender></header><itemSet>`,
        ...list.map((d) => newsItem(d, ch.variant === 'newsml-g2-nitf')),
        '</itemSet></newsMessage>',
        '',
      ].join('\n');
  }
}

function ninjs2(d: Delivery) {
  const c = copyOf(d);
  const img = imageOf(d);
  const a = d.channel.agency;
  return {
    uri: d.itemId,
    type: 'text',
    version: String(d.version),
    firstcreated: iso(d.firstCreated),
    versioncreated: iso(d.versionTime),
    ...(d.embargo ? { embargoed: iso(d.embargo) } : {}),
    pubstatus: d.status,
    ...(c.ednote ? { ednote: c.ednote } : {}),
    urgency: d.urgency,
    language: 'en',
    copyrightholder: a.name,
    headlines: [{ role: 'main', value: c.headline }],
    descriptions: [{ role: 'summary', contenttype: 'text/plain', value: c.standfirst }],
    bodies: [{ role: 'main', contenttype: 'text/html', value: paragraphsToHtml(c.paragraphs) }],
    by: [{ name: a.byline(d.event) }],
    located: [{ name: d.event.capital, countrycode: d.event.code }],
    subjects: d.event.subjects.map((s) => ({ name: s.name, uri: `http://cv.iptc.org/newscodes/mediatopic/${s.qcode.slice(7)}` })),
    ...(img
      ? {
          associations: {
            featureimage: {
              type: 'picture',
              uri: `${d.itemId}:picture`,
              copyrightholder: img.credit,
              usageterms: img.usageTerms,
              descriptions: [{ role: 'caption', value: img.caption }],
              renditions: { original: { href: img.url, contenttype: 'image/jpeg', width: 1200, height: 800 } },
            },
          },
        }
      : {}),
  };
}

function ninjs1(d: Delivery) {
  const c = copyOf(d);
  const img = imageOf(d);
  const a = d.channel.agency;
  return {
    guid: d.itemId,
    uri: `http://${a.domain}/ninjs/${encodeURIComponent(d.itemId)}`,
    type: 'text',
    version: d.version,
    versioncreated: iso(d.versionTime),
    ...(d.embargo ? { embargoed: iso(d.embargo) } : {}),
    pubstatus: d.status,
    ...(c.ednote ? { ednote: c.ednote } : {}),
    urgency: d.urgency,
    language: 'en',
    copyrightholder: a.name,
    headline: c.headline,
    description_text: c.standfirst,
    body_html: paragraphsToHtml(c.paragraphs),
    byline: a.byline(d.event),
    places: [{ name: d.event.capital, countrycode: d.event.code }],
    subject: d.event.subjects.map((s) => ({ code: s.qcode, name: s.name })),
    ...(img
      ? {
          associations: {
            featureimage: {
              type: 'picture',
              uri: img.url,
              byline: img.credit,
              usageterms: img.usageTerms,
              description_text: img.caption,
              renditions: { original: { href: img.url } },
            },
          },
        }
      : {}),
  };
}

function newsItem(d: Delivery, nitf: boolean): string {
  const c = copyOf(d);
  const a = d.channel.agency;
  const dateline = `${d.event.capital.toUpperCase()}, ${mon(new Date(d.firstCreated))} ${new Date(d.firstCreated).getUTCDate()}`;
  const body = paragraphsToHtml(c.paragraphs);
  const content = nitf
    ? `<inlineXML contenttype="application/nitf+xml"><nitf xmlns="http://iptc.org/std/NITF/2006-10-18/"><body><body.head><hedline><hl1>${xml(c.headline)}</hl1></hedline><byline>${xml(a.byline(d.event))}</byline><dateline>${xml(dateline)}</dateline></body.head><body.content>${body}</body.content></body></nitf></inlineXML>`
    : `<inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><head><title>${xml(c.headline)}</title></head><body>${body}</body></html></inlineXML>`;
  return [
    `<newsItem guid="${xml(d.itemId)}" version="${d.version}" standard="NewsML-G2" standardversion="2.33" conformance="power" xml:lang="en">`,
    '<catalogRef href="http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_38.xml"/>',
    `<itemMeta><itemClass qcode="ninat:text"/><provider literal="${xml(a.name)}"/><versionCreated>${iso(d.versionTime)}</versionCreated><firstCreated>${iso(d.firstCreated)}</firstCreated>`,
    d.embargo ? `<embargoed>${iso(d.embargo)}</embargoed>` : '',
    `<pubStatus qcode="stat:${d.status}"/>${c.ednote ? `<edNote>${xml(c.ednote)}</edNote>` : ''}</itemMeta>`,
    `<contentMeta><urgency>${d.urgency}</urgency><located type="loctype:city"><name>${xml(d.event.capital)}</name></located><language tag="en"/>`,
    ...d.event.subjects.map((s) => `<subject type="cpnat:abstract" qcode="${s.qcode}"><name>${xml(s.name)}</name></subject>`),
    `<headline>${xml(c.headline)}</headline><dateline>${xml(dateline)}</dateline><by>${xml(a.byline(d.event))}</by><description role="drol:summary">${xml(c.standfirst)}</description></contentMeta>`,
    `<contentSet>${content}</contentSet>`,
    '</newsItem>',
  ].join('');
}
