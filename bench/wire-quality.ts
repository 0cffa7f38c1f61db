import { defaultDedupeRules, keysOf, sameEvent } from '../src/wire/dedupe.js';
import { statsOf } from '../src/wire/similarity.js';
import { demoSectorModel, evaluate, loadLabelled, type QualityReport } from '../src/demo/evaluate.js';
import { evaluateIndependent, HELD_OUT_PARTS, INDEPENDENT_DIR, independentEntries, loadIndependent } from '../src/demo/evaluate-independent.js';
import fs from 'node:fs';

/*
 * Figures, not a gate: the wire desk's duplicate merging and tagging on both labelled sets. The
 * project's own set (test/fixtures/wire-labelled, part 1 tuned on, part 2 held out) and the
 * independent one written in other voices (test/fixtures/wire-independent, parts a, b and d seen,
 * part c held out and never tuned on), each item read from its own format.
 */

const model = demoSectorModel();
const line = (name: string, r: QualityReport) =>
  `${name.padEnd(44)} items ${String(r.items).padStart(4)}  pairs ${String(r.pairs.total).padStart(4)} (${r.pairs.duplicates} same event)  precision ${r.pairs.precision.toFixed(3)}  recall ${r.pairs.recall.toFixed(3)}  main country ${r.mainCountry.accuracy.toFixed(3)}  main sector ${r.mainSector.accuracy.toFixed(3)}`;

console.log(line('own set, part 1 (tuned on)', evaluate(loadLabelled(['part1.json']), defaultDedupeRules, model)));
console.log(line('own set, part 2 (held out)', evaluate(loadLabelled(['part2.json']), defaultDedupeRules, model)));
const parts = fs
  .readdirSync(INDEPENDENT_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();
const seen = parts.filter((p) => !HELD_OUT_PARTS.includes(p));
const seenReport = evaluateIndependent(loadIndependent(seen), defaultDedupeRules, model);
const heldReport = evaluateIndependent(loadIndependent(HELD_OUT_PARTS), defaultDedupeRules, model);
const allReport = evaluateIndependent(loadIndependent(parts), defaultDedupeRules, model);
console.log(line(`independent, ${seen.join(' + ')}`, seenReport));
console.log(line(`independent, ${HELD_OUT_PARTS.join(' + ')} (held out)`, heldReport));
console.log(line('independent, all', allReport));
console.log(
  'independent, recall by format:',
  Object.entries(allReport.byFormat)
    .map(([f, c]) => `${f} ${(c.found / c.duplicates).toFixed(2)} (${c.found}/${c.duplicates})`)
    .join(', '),
);
if (process.argv.includes('--mistakes')) for (const m of allReport.mistakes) console.log(JSON.stringify(m));

// A busy desk: every pair of different events in the held-out part that shares an index key, as
// if the two had arrived within the window (its hours apart folded into it).
{
  const events = loadIndependent(HELD_OUT_PARTS);
  const eventOf = new Map(events.flatMap((e) => e.items.map((i) => [i.id, e.event])));
  const entries = independentEntries(events, model);
  const stats = statsOf(entries.map((e) => e.analysis.fingerprint.profile));
  let compared = 0;
  let merged = 0;
  entries.forEach((a, i) => {
    for (const b of entries.slice(i + 1)) {
      if (eventOf.get(a.id) === eventOf.get(b.id)) continue;
      const keys = new Set(keysOf(b.analysis.fingerprint, stats));
      if (!keysOf(a.analysis.fingerprint, stats).some((k) => keys.has(k))) continue;
      compared += 1;
      const hours = ((Date.parse(a.sentAt) - Date.parse(b.sentAt)) / 3600_000) % defaultDedupeRules.windowHours;
      if (sameEvent(a.analysis.fingerprint, b.analysis.fingerprint, stats, hours, defaultDedupeRules, a.agency === b.agency).duplicate) merged += 1;
    }
  });
  console.log(
    `independent, ${HELD_OUT_PARTS.join(' + ')} as a busy desk: ${merged} false merges among ${compared} pairs of different events that share an index key`,
  );
}
