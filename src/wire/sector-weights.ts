import { decodeSectorWeights } from './sector-model.js';

/*
 * Written by `npm run fit:sectors -- --write` (bench/fit-sectors.ts); do not edit by hand.
 * Softmax regression over stems (log(1 + count), headline ×3, lead ×2, body ×1, L2-normalised),
 * fitted on the training parts only: 574 items (demo templates, own set part 1,
 * independent parts a, b, d), each event weighted the same and each sector too; stems seen in
 * fewer than 3 events, places and other names left out. L2 penalty 0.0003; weights under
 * 0.05 pruned (0 kept).
 * Chosen by leaving one training block out (fitted on the rest, the held parts never read):
 * main sector without the model own part 1 0.952, independent a 0.946, independent b 0.922, independent d 0.965;
 * with it at weight 0 own part 1 0.952, independent a 0.946, independent b 0.922, independent d 0.965.
 * Tried: L2 penalty 0.0003, 0.001, 0.003, 0.01; weight 0, 0.25, 0.5, 1, 2, 4. Best with the model: penalty 0.003, weight 0.25: own part 1 0.952, independent a 0.946, independent b 0.922, independent d 0.957 (mean 0.944; without 0.946).
 * Fitted on all of them (in sample, as shipped): own part 1 0.952, independent a 0.946, independent b 0.922, independent d 0.965.
 * The model does not beat the keywords and the desk's naive Bayes on copy it has not seen, so it
 * is off (weight 0, no weights kept): ingest does not pay for it. Refit when the sets grow.
 */
export const FITTED_SECTOR_MODEL = {
  weight: 0,
  model: decodeSectorWeights({
    sectors: [
      'agriculture-forestry',
      'art-culture',
      'technology',
      'economy-business',
      'education',
      'energy-extractives',
      'politics',
      'law-governance',
      'health',
      'science-environment',
      'social-gender',
      'sports',
      'transport',
      'urban-development',
      'water-sanitation',
    ],
    bias: [0.14, 0.37, -0.08, 0.25, -0.45, 0.06, 0.31, 0.11, -0.47, 0.48, 0.03, 0.25, -0.02, -0.49, -0.49],
    weights: {},
  }),
};
