import fs from 'node:fs';
import { defaultDedupeRules, keysOf, sameEvent } from '../src/wire/dedupe.js';
import { DEDUPE_WEIGHTS, probabilityOf } from '../src/wire/dedupe-model.js';
import type { DeskLabel } from '../src/wire/desk-merges.js';
import { demoSectorModel, labelledEntries, labelledPairs, loadLabelled, type AnalysedItem } from '../src/demo/evaluate.js';
import { HELD_OUT_PARTS, INDEPENDENT_DIR, independentEntries, independentPairs, loadIndependent } from '../src/demo/evaluate-independent.js';
import { statsOf, type PairFeatures } from '../src/wire/similarity.js';

/*
 * `npm run fit:dedupe`: fits the duplicate scorer (src/wire/dedupe-model.ts) by logistic
 * regression on the training parts only (the own set's part 1, the independent set's parts a
 * and b), on the pairs ingest would compare (they share an index key, are within the window and
 * agree on the country). Prints the weights to copy into dedupe-model.ts, and precision and
 * recall by threshold on the training parts. The held-out parts are printed for the record at
 * the current weights, never used to choose anything.
 *
 * `npm run fit:dedupe -- --desk-labels <file>` adds the newsroom's own decisions (the splits
 * and merges its desk made, exported by `wiredesk dedupe-labels --out <file>`), each with the
 * features the scorer saw when the desk decided.
 */

type Pair = { features: PairFeatures; duplicate: boolean };
const model = demoSectorModel();
const KEYS = Object.keys(DEDUPE_WEIGHTS).filter((k) => k !== 'bias') as (keyof PairFeatures)[];

/**
 * The pairs ingest would judge: the labelled ones that share an index key within the window,
 * and, since a busy desk sees many unrelated reports that happen to share a name or a figure,
 * every pair of different events in the set that shares a key, as if it arrived within the
 * window (its hours apart folded into it).
 */
function comparedPairs(
  entries: AnalysedItem[],
  pairs: { a: string; b: string; duplicate: boolean }[],
  eventOf: Map<string, string>,
): { compared: Pair[]; duplicates: number } {
  const stats = statsOf(entries.map((e) => e.analysis.fingerprint.profile));
  const window = defaultDedupeRules.windowHours;
  const labelled = new Map(pairs.map((p) => [[p.a, p.b].sort().join('|'), p.duplicate]));
  const compared: Pair[] = [];
  entries.forEach((a, i) => {
    for (const b of entries.slice(i + 1)) {
      const key = [a.id, b.id].sort().join('|');
      const duplicate = labelled.get(key) ?? false;
      // Two reports of one event that the labels leave out (one agency's): not judged.
      if (!labelled.has(key) && eventOf.get(a.id) === eventOf.get(b.id)) continue;
      if (!keysOf(a.analysis.fingerprint, stats).some((k) => keysOf(b.analysis.fingerprint, stats).includes(k))) continue;
      let hours = (Date.parse(a.sentAt) - Date.parse(b.sentAt)) / 3600_000;
      if (Math.abs(hours) > window) {
        if (labelled.has(key) || eventOf.get(a.id) === eventOf.get(b.id)) continue;
        hours %= window;
      }
      const verdict = sameEvent(a.analysis.fingerprint, b.analysis.fingerprint, stats, hours, defaultDedupeRules, a.agency === b.agency);
      if (verdict.reason === 'different countries' || verdict.reason.startsWith("the same agency's")) continue;
      compared.push({ features: verdict.features!, duplicate });
    }
  });
  return { compared, duplicates: pairs.filter((p) => p.duplicate).length };
}

const independentParts = fs
  .readdirSync(INDEPENDENT_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();
const trainingIndependent = loadIndependent(independentParts.filter((p) => !HELD_OUT_PARTS.includes(p)));
const trainingOwn = loadLabelled(['part1.json']);
const eventOf = new Map([...trainingOwn, ...trainingIndependent].flatMap((e) => e.items.map((i) => [i.id, e.event])));
const sets = [
  comparedPairs(labelledEntries(trainingOwn, model), labelledPairs(trainingOwn), eventOf),
  comparedPairs(independentEntries(trainingIndependent, model), independentPairs(trainingIndependent), eventOf),
];
const deskFile = process.argv.includes('--desk-labels') ? process.argv[process.argv.indexOf('--desk-labels') + 1] : undefined;
const desk: Pair[] = deskFile
  ? (JSON.parse(fs.readFileSync(deskFile, 'utf8')) as DeskLabel[]).map((l) => ({ features: l.features, duplicate: l.sameEvent }))
  : [];
if (deskFile)
  console.log(`desk decisions from ${deskFile}: ${desk.filter((p) => p.duplicate).length} merges, ${desk.filter((p) => !p.duplicate).length} splits`);
const training = [...sets.flatMap((s) => s.compared), ...desk];
const allDuplicates = sets.reduce((n, s) => n + s.duplicates, 0) + desk.filter((p) => p.duplicate).length;

// Batch gradient descent on the log loss with a little L2 (not on the bias).
const LAMBDA = 0.002;
const w = Object.fromEntries(['bias', ...KEYS].map((k) => [k, 0])) as typeof DEDUPE_WEIGHTS;
for (let step = 0; step < 20_000; step++) {
  const grad = Object.fromEntries(['bias', ...KEYS].map((k) => [k, 0])) as Record<string, number>;
  for (const p of training) {
    const err = probabilityOf(p.features, w) - (p.duplicate ? 1 : 0);
    grad.bias! += err;
    for (const k of KEYS) grad[k]! += err * p.features[k];
  }
  const rate = 2 / training.length;
  w.bias -= rate * grad.bias!;
  for (const k of KEYS) w[k] -= rate * (grad[k]! + LAMBDA * training.length * w[k]);
}
const rounded = Object.fromEntries(Object.entries(w).map(([k, v]) => [k, Math.round(v * 100) / 100]));
console.log(
  `training pairs compared: ${training.length} (${training.filter((p) => p.duplicate).length} same event of ${allDuplicates}; the rest are never compared)`,
);
console.log('weights:', JSON.stringify(rounded));
for (const threshold of [0.3, 0.4, 0.5, 0.6, 0.7, 0.8]) {
  const tp = training.filter((p) => p.duplicate && probabilityOf(p.features, rounded as typeof DEDUPE_WEIGHTS) >= threshold).length;
  const fp = training.filter((p) => !p.duplicate && probabilityOf(p.features, rounded as typeof DEDUPE_WEIGHTS) >= threshold).length;
  console.log(
    `threshold ${threshold}: training precision ${(tp / Math.max(tp + fp, 1)).toFixed(3)}, recall ${(tp / allDuplicates).toFixed(3)} (${fp} false merges)`,
  );
}
