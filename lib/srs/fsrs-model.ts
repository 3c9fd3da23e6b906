// FSRS-6's memory model as the optimizer (fsrs-rs 6.5, `model.rs`) runs it over a card's review history, and the
// metrics it is judged by (`inference.rs`): log loss and RMSE over bins. Latent predicts held-out reviews with this,
// for the current parameters and for the fitted ones alike, so that both are measured by the same ruler. A test
// checks it against the optimizer's own evaluation.
import { clipParameters } from "ts-fsrs";
import { effectiveParameters } from "./parameters";

/** One review as FSRS trains on it: the rating (1–4) and the study days since the card's previous review. */
export type FsrsReview = { rating: number; deltaT: number };

export type MemoryState = { stability: number; difficulty: number };

const S_MIN = 0.001;
const S_MAX = 36_500;
const D_MIN = 1;
const D_MAX = 10;

const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), max);

/** The weights as fsrs-rs's `FSRS::new` uses them: defaults for an empty list, then clipped (one relearning step). */
export function modelWeights(parameters: readonly number[]): number[] {
  return clipParameters([...effectiveParameters(parameters)], 1, false);
}

export function powerForgettingCurve(w: readonly number[], days: number, stability: number): number {
  const decay = -w[20]!;
  const factor = Math.exp(Math.log(0.9) / decay) - 1;
  return Math.pow((days / stability) * factor + 1, decay);
}

const initDifficulty = (w: readonly number[], rating: number) => w[4]! - Math.exp(w[5]! * (rating - 1)) + 1;

/** The memory state after a first review rated `rating`. */
export function initialMemory(w: readonly number[], rating: number): MemoryState {
  const first = clamp(rating, 1, 4);
  return { stability: clamp(w[first - 1]!, S_MIN, S_MAX), difficulty: clamp(initDifficulty(w, first), D_MIN, D_MAX) };
}

/** The memory state after a review rated `rating`, `deltaT` study days after the previous one (0: the same day). */
export function nextMemory(w: readonly number[], state: MemoryState, deltaT: number, rating: number): MemoryState {
  const s = clamp(state.stability, S_MIN, S_MAX);
  const d = clamp(state.difficulty, D_MIN, D_MAX);
  const r = powerForgettingCurve(w, deltaT, s);
  let next: number;
  if (deltaT === 0) {
    const sinc = Math.exp(w[17]! * (rating - 3 + w[18]!)) * Math.pow(s, -w[19]!);
    next = s * (rating >= 2 ? Math.max(sinc, 1) : sinc);
  } else if (rating === 1) {
    const forgotten = w[11]! * Math.pow(d, -w[12]!) * (Math.pow(s + 1, w[13]!) - 1) * Math.exp((1 - r) * w[14]!);
    next = Math.min(forgotten, s / Math.exp(w[17]! * w[18]!));
  } else {
    const hardPenalty = rating === 2 ? w[15]! : 1;
    const easyBonus = rating === 4 ? w[16]! : 1;
    next = s * (Math.exp(w[8]!) * (11 - d) * Math.pow(s, -w[9]!) * (Math.exp((1 - r) * w[10]!) - 1) * hardPenalty * easyBonus + 1);
  }
  const damped = d + ((10 - d) * (-w[6]! * (rating - 3))) / 9;
  const reverted = w[7]! * (initDifficulty(w, 4) - damped) + damped;
  return { stability: clamp(next, S_MIN, S_MAX), difficulty: clamp(reverted, D_MIN, D_MAX) };
}

/** The memory state after `reviews` (the first one's deltaT is ignored: it is the card's first review). */
export function memoryAfter(w: readonly number[], reviews: readonly FsrsReview[]): MemoryState {
  if (reviews.length === 0) return { stability: 0, difficulty: 0 };
  let state = initialMemory(w, reviews[0]!.rating);
  for (let i = 1; i < reviews.length; i++) state = nextMemory(w, state, reviews[i]!.deltaT, reviews[i]!.rating);
  return state;
}

/** The probability FSRS gives to recalling the last review of `reviews`, from the reviews before it. */
export function predictRecall(w: readonly number[], reviews: readonly FsrsReview[]): number {
  const history = reviews.slice(0, -1);
  const current = reviews[reviews.length - 1]!;
  return powerForgettingCurve(w, current.deltaT, memoryAfter(w, history).stability);
}

/** fsrs-rs's bin for RMSE: the review's interval, the card's count of long-term reviews and of lapses, each log-binned. */
export function rmseBin(reviews: readonly FsrsReview[]): string {
  const current = reviews[reviews.length - 1]!;
  const logBin = (value: number, base: number, scale: number) => Math.round(scale * Math.pow(base, Math.floor(Math.log(value) / Math.log(base))));
  const deltaBin = Math.round(2.48 * Math.pow(3.62, Math.floor(Math.log(current.deltaT) / Math.log(3.62))) * 100);
  const length = reviews.filter((review) => review.deltaT > 0).length + 1;
  const lengthBin = logBin(length, 1.89, 1.99);
  const lapses = reviews.slice(0, -1).filter((review) => review.rating === 1 && review.deltaT > 0).length;
  return `${deltaBin},${lengthBin},${lapses === 0 ? 0 : logBin(lapses, 1.73, 1.65)}`;
}

export type Prediction = { recall: number; recalled: boolean; bin: string; weight?: number };

export type Metrics = {
  /** Binary cross-entropy of the predictions (lower is better). */
  logLoss: number;
  /** Root mean square error between predicted and actual recall over fsrs-rs's bins (lower is better). */
  rmseBins: number;
  count: number;
};

/** fsrs-rs's `weighted_binary_cross_entropy` and `rmse_bins` over the predictions (weight 1 when not given). */
export function evaluatePredictions(predictions: readonly Prediction[]): Metrics {
  let loss = 0;
  let weightSum = 0;
  const bins = new Map<string, { predicted: number; actual: number; count: number; weight: number }>();
  for (const { recall, recalled, bin, weight = 1 } of predictions) {
    loss += (recalled ? Math.log(recall) : Math.log(1 - recall)) * weight;
    weightSum += weight;
    const entry = bins.get(bin) ?? { predicted: 0, actual: 0, count: 0, weight: 0 };
    entry.predicted += recall;
    entry.actual += recalled ? 1 : 0;
    entry.count += 1;
    entry.weight += weight;
    bins.set(bin, entry);
  }
  let squared = 0;
  let binWeights = 0;
  for (const entry of bins.values()) {
    squared += (entry.predicted / entry.count - entry.actual / entry.count) ** 2 * entry.weight;
    binWeights += entry.weight;
  }
  return { logLoss: -loss / weightSum, rmseBins: Math.sqrt(squared / binWeights), count: predictions.length };
}
