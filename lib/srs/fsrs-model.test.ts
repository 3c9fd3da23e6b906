import { FSRSBinding, FSRSBindingItem, FSRSBindingReview } from "@open-spaced-repetition/binding";
import { describe, expect, it } from "vitest";
import { evaluatePredictions, memoryAfter, modelWeights, predictRecall, rmseBin, type FsrsReview } from "./fsrs-model";
import { DEFAULT_PARAMETERS } from "./parameters";

const fitted = [0.4453, 1.8548, 5.1757, 12.6687, 6.2458, 0.6602, 3.1722, 0.0207, 1.9464, 0.2266, 0.9285, 1.5303, 0.0483, 0.3355, 1.6713, 0.6033, 2.1008, 0.5443, 0.1426, 0.0453, 0.101];

function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Histories of random ratings and gaps (same-day steps included), cut into FSRS items as the optimizer trains on. */
function randomItems(seed: number, cards: number): FsrsReview[][] {
  const next = random(seed);
  const items: FsrsReview[][] = [];
  for (let card = 0; card < cards; card++) {
    const reviews: FsrsReview[] = [{ rating: 1 + Math.floor(next() * 4), deltaT: 0 }];
    const length = 2 + Math.floor(next() * 12);
    for (let i = 1; i < length; i++) {
      // Early gaps from a few values (as learning steps and first intervals are), later ones spread out.
      const deltaT = next() < 0.25 ? 0 : i < 3 ? [1, 2, 3, 4, 6][Math.floor(next() * 5)]! : 1 + Math.floor(next() ** 2 * 90);
      reviews.push({ rating: next() < 0.2 ? 1 : 2 + Math.floor(next() * 3), deltaT });
      if (deltaT > 0) items.push(reviews.slice());
    }
  }
  return items;
}

/**
 * What the binding's `evaluate` does before fsrs-rs's: items with one long-term review first (outliers removed by
 * fsrs-rs 6.5's `filter_outlier`), then the others (those of removed groups dropped), in that order.
 */
function asBindingEvaluates(items: FsrsReview[][]): FsrsReview[][] {
  const longTerm = (item: FsrsReview[]) => item.filter((review) => review.deltaT > 0);
  const initial = items.filter((item) => longTerm(item).length === 1);
  const rest = items.filter((item) => longTerm(item).length !== 1);
  const kept: FsrsReview[][] = [];
  const removed = new Map<number, Set<number>>();
  for (const rating of [1, 2, 3, 4]) {
    const groups = new Map<number, FsrsReview[][]>();
    for (const item of initial.filter((item) => item[0]!.rating === rating)) {
      const deltaT = item[item.length - 1]!.deltaT;
      groups.set(deltaT, [...(groups.get(deltaT) ?? []), item]);
    }
    const total = [...groups.values()].reduce((sum, group) => sum + group.length, 0);
    const ascending = [...groups.entries()].sort(([deltaA, a], [deltaB, b]) => a.length - b.length || deltaA - deltaB);
    const gone = new Set<number>();
    let removedCount = 0;
    for (const [deltaT, group] of ascending) {
      if (removedCount + group.length >= Math.max(20, Math.floor(total / 20))) {
        if (group.length >= 6 && deltaT <= (rating !== 4 ? 100 : 365)) kept.push(...group);
        else gone.add(deltaT);
      } else {
        removedCount += group.length;
        gone.add(deltaT);
      }
    }
    removed.set(rating, gone);
  }
  const survivors = rest.filter((item) => !removed.get(item[0]!.rating)?.has(longTerm(item)[0]!.deltaT));
  return [...kept, ...survivors];
}

describe("the FSRS-6 model as the optimizer runs it", () => {
  it("starts from the first rating's initial stability and difficulty, and forgets along FSRS-6's power curve", () => {
    const w = modelWeights([]);
    const good = memoryAfter(w, [{ rating: 3, deltaT: 0 }]);
    expect(good.stability).toBeCloseTo(DEFAULT_PARAMETERS[2]!, 6);
    // By definition, recall after `stability` days is 90 %.
    expect(predictRecall(w, [{ rating: 3, deltaT: 0 }, { rating: 3, deltaT: Math.round(good.stability) }])).toBeCloseTo(0.9, 1);
    expect(predictRecall(w, [{ rating: 3, deltaT: 0 }, { rating: 3, deltaT: 30 }])).toBeLessThan(0.9);
  });

  it.each([
    ["FSRS's defaults", [] as number[]],
    ["fitted parameters", fitted],
  ])("gives the same log loss and RMSE (bins) as fsrs-rs's own evaluation, with %s", (_name, parameters) => {
    const raw = randomItems(parameters.length + 11, 600);
    const items = asBindingEvaluates(raw);
    const w = modelWeights(parameters);
    // fsrs-rs's `evaluate` weighs items by recency (0.25 → 1, cubic); weighing ours alike compares like with like.
    const last = items.length - 1;
    const ours = evaluatePredictions(
      items.map((reviews, i) => ({
        recall: predictRecall(w, reviews),
        recalled: reviews[reviews.length - 1]!.rating > 1,
        bin: rmseBin(reviews),
        weight: 0.25 + 0.75 * (i / last) ** 3,
      })),
    );
    const theirs = new FSRSBinding(parameters).evaluate(raw.map((reviews) => new FSRSBindingItem(reviews.map((r) => new FSRSBindingReview(r.rating, r.deltaT)))));
    expect(items.length).toBeGreaterThan(1000);
    expect(ours.logLoss).toBeCloseTo(theirs.logLoss, 4);
    expect(ours.rmseBins).toBeCloseTo(theirs.rmseBins, 4);
  });

  it("bins a review by its interval, the card's long-term reviews and its lapses", () => {
    expect(rmseBin([{ rating: 3, deltaT: 0 }, { rating: 3, deltaT: 1 }])).toBe("248,4,0");
    expect(rmseBin([{ rating: 3, deltaT: 0 }, { rating: 1, deltaT: 4 }, { rating: 3, deltaT: 0 }, { rating: 3, deltaT: 20 }])).not.toBe(
      rmseBin([{ rating: 3, deltaT: 0 }, { rating: 3, deltaT: 4 }, { rating: 3, deltaT: 0 }, { rating: 3, deltaT: 20 }]),
    );
  });
});
