import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultDedupeRules } from '../../src/wire/dedupe.js';
import { demoSectorModel, evaluate, labelledPairs, loadLabelled } from '../../src/demo/evaluate.js';

/*
 * The wire desk's judgement against the labelled set (test/fixtures/wire-labelled): 130
 * fictional events reported by two or three agencies, 50 of them deliberately similar to an
 * earlier one. The aims are the issue's: duplicates precision ≥ 0.95 and recall ≥ 0.85, main
 * country right ≥ 95%, main sector right ≥ 85%. `npm run wire-quality` prints the full report.
 */
describe('wire desk quality on the labelled set', () => {
  const events = loadLabelled();
  const report = evaluate(events, defaultDedupeRules, demoSectorModel());

  it('has at least 300 labelled pairs, with hard negatives among them', () => {
    const pairs = labelledPairs(events);
    assert.ok(pairs.length >= 300, `${pairs.length} pairs`);
    assert.ok(pairs.filter((p) => p.kind === 'related event').length >= 100);
    assert.ok(pairs.filter((p) => p.duplicate).length >= 150);
  });

  it('merges reports of the same event and keeps similar events apart', () => {
    const { precision, recall } = report.pairs;
    assert.ok(precision >= 0.95, `precision ${precision}; false merges: ${JSON.stringify(report.mistakes.filter((m) => !m.expected))}`);
    assert.ok(recall >= 0.85, `recall ${recall}`);
  });

  it('finds the main country', () => {
    assert.ok(report.mainCountry.accuracy >= 0.95, `accuracy ${report.mainCountry.accuracy}: ${JSON.stringify(report.mainCountry.wrong)}`);
  });

  it('finds the main sector', () => {
    // The aim is 0.85; held at what the tagger reaches (0.945 over both parts).
    assert.ok(report.mainSector.accuracy >= 0.94, `accuracy ${report.mainSector.accuracy}: ${JSON.stringify(report.mainSector.wrong)}`);
  });

  it('learning from the desk improves on the keyword lists alone', () => {
    const keywordsOnly = evaluate(events, defaultDedupeRules, demoSectorModel({ learned: false }));
    assert.ok(report.mainSector.accuracy > keywordsOnly.mainSector.accuracy, `${report.mainSector.accuracy} vs ${keywordsOnly.mainSector.accuracy}`);
  });
});
