// Fitting FSRS to a learner's items with the reference optimizer (fsrs-rs through @open-spaced-repetition/binding),
// and judging the fit honestly: a time-series split (fsrs-rs's: the items in six time-ordered segments; five folds
// each train on the segments before one and predict it), so every held-out prediction comes from parameters fitted
// on earlier reviews only. The parameters in use predict the same held-out reviews, through the same model code
// (lib/srs/fsrs-model.ts), so both are measured by one ruler. The parameters applied are then fitted on everything.
// Worker-only: the binding is a native module, and the fit takes seconds of CPU.
import { computeParameters, FSRSBindingItem, FSRSBindingReview } from "@open-spaced-repetition/binding";
import { evaluatePredictions, modelWeights, predictRecall, rmseBin, type Metrics } from "@/lib/srs/fsrs-model";
import { normalizeFittedParameters, parseParameters } from "@/lib/srs/parameters";
import type { HistoryItem } from "./items";

export const FOLDS = 5;

export type FitReport = {
  /** Fitted on all items, as stored (rounded, clipped, validated). */
  parameters: number[];
  /** The parameters in use, on the held-out reviews. */
  current: Metrics;
  /** Parameters fitted on earlier reviews only, on the same held-out reviews. */
  fitted: Metrics;
  heldOut: number;
};

export type FitOptions = {
  /** Same-day relearning steps (sameDayRelearningSteps): the optimizer bounds short-term weights by them. */
  relearningSteps: number;
  signal?: AbortSignal;
  /** `done` from 0 to 1 over the whole fit. */
  onProgress?: (done: number, message: string) => void;
};

/** The optimizer's training settings: Anki's (8 epochs), otherwise fsrs-rs's defaults. */
const TRAINING = { numEpochs: 8, batchSize: 512, seed: 2023, maxSeqLen: 256, learningRate: 4e-2, gamma: 1 };

/** The binding's polling interval for progress, which is also how long a finished fit waits to return. */
const POLL_MS = 20;

export class FitAborted extends Error {
  constructor() {
    super("The fit was stopped");
  }
}

/** The segments of `count` time-ordered items: fold i trains on [0, testStart) and predicts [testStart, testEnd). */
export function timeSeriesFolds(count: number): Array<{ testStart: number; testEnd: number }> {
  const segment = Math.floor(count / (FOLDS + 1));
  if (segment === 0) return [];
  return Array.from({ length: FOLDS }, (_, i) => ({ testStart: (i + 1) * segment, testEnd: i === FOLDS - 1 ? count : (i + 2) * segment }));
}

function toBindingItems(items: readonly HistoryItem[]): FSRSBindingItem[] {
  // Reviews are shared between the items of one card (each item is a prefix of the card's history).
  const reviews = new Map<object, FSRSBindingReview>();
  const binding = (review: { rating: number; deltaT: number }) => {
    let made = reviews.get(review);
    if (!made) reviews.set(review, (made = new FSRSBindingReview(review.rating, review.deltaT)));
    return made;
  };
  return items.map((item) => new FSRSBindingItem(item.reviews.map(binding)));
}

export async function fitAndCompare(items: readonly HistoryItem[], current: readonly number[], options: FitOptions): Promise<FitReport> {
  const folds = timeSeriesFolds(items.length);
  if (folds.length === 0) throw new Error(`${items.length} items are too few to split in ${FOLDS + 1} segments`);
  const bindingItems = toBindingItems(items);
  // Work in proportion to the items each fit trains on: the five folds' prefixes, then all of them.
  const sizes = [...folds.map((fold) => fold.testStart), items.length];
  const total = sizes.reduce((sum, size) => sum + size, 0);
  let before = 0;

  const fit = async (count: number, label: string): Promise<number[]> => {
    const raw = await computeParameters(bindingItems.slice(0, count), {
      enableShortTerm: true,
      numRelearningSteps: options.relearningSteps,
      trainingConfig: TRAINING,
      timeout: POLL_MS,
      progress: (done, of) => {
        options.onProgress?.((before + (of > 0 ? (done / of) * count : 0)) / total, label);
        return !options.signal?.aborted;
      },
    }).catch((error: unknown) => {
      if (options.signal?.aborted) throw new FitAborted();
      throw error;
    });
    if (options.signal?.aborted) throw new FitAborted();
    before += count;
    options.onProgress?.(before / total, label);
    const parameters = normalizeFittedParameters(raw, options.relearningSteps);
    const checked = parseParameters(parameters);
    if (!checked.ok) throw new Error(`The optimizer's parameters do not pass validation: ${checked.error}`);
    return checked.value;
  };

  const currentWeights = modelWeights(current);
  const currentPredictions = [];
  const fittedPredictions = [];
  for (const [i, fold] of folds.entries()) {
    const foldWeights = modelWeights(await fit(fold.testStart, `Testing on your later reviews (${i + 1} of ${FOLDS})`));
    for (const item of items.slice(fold.testStart, fold.testEnd)) {
      const recalled = item.reviews[item.reviews.length - 1]!.rating > 1;
      const bin = rmseBin(item.reviews);
      currentPredictions.push({ recall: predictRecall(currentWeights, item.reviews), recalled, bin });
      fittedPredictions.push({ recall: predictRecall(foldWeights, item.reviews), recalled, bin });
    }
  }
  const parameters = await fit(items.length, "Fitting on all your reviews");
  return { parameters, current: evaluatePredictions(currentPredictions), fitted: evaluatePredictions(fittedPredictions), heldOut: currentPredictions.length };
}
