import { decodeSectorWeights } from './sector-model.js';

/*
 * Written by `npm run fit:sectors -- --write` (bench/fit-sectors.ts); do not edit by hand.
 * Softmax regression over stems (log(1 + count), headline ×3, lead ×2, body ×1, L2-normalised),
 * fitted on the training parts only: 459 items (demo templates, own set part 1,
 * independent parts a and b), each event weighted the same and each sector too; stems seen in
 * fewer than 3 events, places and other names left out. L2 penalty 0.0003; weights under
 * 0.05 pruned (0 kept).
 * Chosen by leaving one training block out (fitted on the rest, the held parts never read):
 * main sector without the model own part 1 0.952, independent a 0.938, independent b 0.922;
 * with it at weight 0 own part 1 0.952, independent a 0.938, independent b 0.922.
 * Tried: L2 penalty 0.0003, 0.001, 0.003, 0.01; weight 0, 0.25, 0.5, 1, 2, 4. Best with the model: penalty 0.01, weight 2: own part 1 0.938, independent a 0.946, independent b 0.930 (mean 0.938; without 0.937).
 * Fitted on all of them (in sample, as shipped): own part 1 0.952, independent a 0.938, independent b 0.922.
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
    bias: [0.39, -0.17, 0.17, 0.46, -0.2, 0.25, -0.21, -0.34, -0.28, 0.73, -0.35, -0.26, 0.24, -0.19, -0.26],
    weights: {},
  }),
};
