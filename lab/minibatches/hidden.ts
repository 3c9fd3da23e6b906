import { defineTests } from "@/lib/lab/api";
import type * as Reference from "./solution";
import { batchesByHand, batchParts, labelsOf, rowsOf } from "./tests";

export default defineTests<typeof Reference>(({ test, tf, solution, random, expectArray, expectEqual }) => {
  test("n a multiple of batchSize: exactly n / batchSize full batches — loop while start < n, no empty batch", () => {
    const rng = random(10);
    const order = Array.from({ length: 10 }, (_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
    }
    const expected = batchesByHand(labelsOf(10), 5, order);
    const batches = expectArray(solution.makeBatches(tf.tensor2d(rowsOf(10)), tf.tensor1d(labelsOf(10)), 5, [...order]), {
      label: "makeBatches(10 samples, batchSize 5)",
      length: 2,
    }).map(batchParts);
    batches.forEach(({ ys }, b) => expectEqual(ys, expected[b] ?? [], { label: `batch ${b}: ys` }));
  }, { hidden: true });

  test("batchSize 1 gives one sample per batch, in order — slice [start, start + size) along the first axis", () => {
    const order = [1, 2, 0];
    const expected = batchesByHand(rowsOf(3), 1, order);
    const batches = expectArray(solution.makeBatches(tf.tensor2d(rowsOf(3)), tf.tensor1d(labelsOf(3)), 1, [...order]), {
      label: "makeBatches(3 samples, batchSize 1)",
      length: 3,
    }).map(batchParts);
    batches.forEach(({ xs }, b) => expectEqual(xs, expected[b] ?? [], { label: `batch ${b}: xs` }));
  }, { hidden: true });

  test("a larger shuffled dataset with two-digit indices — numbers sorted as numbers, labels kept with their samples", () => {
    const rng = random(23);
    const order = Array.from({ length: 23 }, (_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
    }
    const expected = batchesByHand(labelsOf(23), 8, order);
    const batches = expectArray(solution.makeBatches(tf.tensor2d(rowsOf(23)), tf.tensor1d(labelsOf(23)), 8, [...order]), {
      label: "makeBatches(23 samples, batchSize 8)",
      length: 3,
    }).map(batchParts);
    batches.forEach(({ ys }, b) => expectEqual(ys, expected[b] ?? [], { label: `batch ${b}: ys` }));
  }, { hidden: true });
});
