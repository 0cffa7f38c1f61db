/**
 * The fitted sector classifier: multinomial logistic regression over the stems a story's
 * headline, lead and body carry, weighted by where they appear. Its weights live in
 * sector-weights.ts, written by `npm run fit:sectors` (bench/fit-sectors.ts) from the training
 * parts only, with the figures they came from.
 */

/** One part of a story as the taggers read it: its stems and how much a word there counts. */
export interface StemmedPart {
  weight: number;
  stems: readonly string[];
}

export interface FittedSectorModel {
  sectors: readonly string[];
  bias: readonly number[];
  /** stem → one weight per sector (zeros where the fit pruned them). */
  weights: ReadonlyMap<string, Float64Array>;
}

/** A story's features: log(1 + weighted count) of each stem the model knows, L2-normalised. */
export function sectorFeatures(parts: readonly StemmedPart[], known: (stem: string) => boolean): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { weight, stems } of parts) {
    for (const stem of stems) if (known(stem)) counts.set(stem, (counts.get(stem) ?? 0) + weight);
  }
  let norm = 0;
  for (const [stem, c] of counts) {
    const v = Math.log1p(c);
    counts.set(stem, v);
    norm += v * v;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [stem, v] of counts) counts.set(stem, v / norm);
  return counts;
}

/** P(sector | story) under the fitted model. */
export function fittedPosterior(model: FittedSectorModel, parts: readonly StemmedPart[]): Map<string, number> {
  const z = Float64Array.from(model.bias);
  for (const [stem, value] of sectorFeatures(parts, (s) => model.weights.has(s))) {
    const row = model.weights.get(stem)!;
    for (let k = 0; k < z.length; k++) z[k]! += row[k]! * value;
  }
  return softmax(model.sectors, z);
}

export function softmax(sectors: readonly string[], z: Float64Array): Map<string, number> {
  const max = Math.max(...z);
  let total = 0;
  const e = z.map((v) => {
    const x = Math.exp(v - max);
    total += x;
    return x;
  });
  return new Map(sectors.map((s, k) => [s, e[k]! / total]));
}

/** Reads the compact form sector-weights.ts stores: per sector, "stem:weight stem:weight …". */
export function decodeSectorWeights(stored: { sectors: readonly string[]; bias: readonly number[]; weights: Record<string, string> }): FittedSectorModel {
  const weights = new Map<string, Float64Array>();
  stored.sectors.forEach((sector, k) => {
    for (const pair of (stored.weights[sector] ?? '').split(' ').filter(Boolean)) {
      const at = pair.lastIndexOf(':');
      const stem = pair.slice(0, at);
      const row = weights.get(stem) ?? new Float64Array(stored.sectors.length);
      row[k] = Number(pair.slice(at + 1));
      weights.set(stem, row);
    }
  });
  return { sectors: stored.sectors, bias: stored.bias, weights };
}

/** The compact form of a fitted model, for sector-weights.ts; weights under `prune` in size are left out. */
export function encodeSectorWeights(model: FittedSectorModel, prune: number): Record<string, string> {
  const out: Record<string, string> = {};
  model.sectors.forEach((sector, k) => {
    const pairs = [...model.weights]
      .filter(([, row]) => Math.abs(row[k]!) >= prune)
      .sort((a, b) => b[1][k]! - a[1][k]! || (a[0] < b[0] ? -1 : 1))
      .map(([stem, row]) => `${stem}:${row[k]!.toFixed(2)}`);
    out[sector] = pairs.join(' ');
  });
  return out;
}
