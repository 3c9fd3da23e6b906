import { defineTests, type Plain } from "@/lib/lab/api";
import type * as Reference from "./solution";

/** Row i of x is [10·i, 10·i + 1] and its label is 100 + i, so every value says which sample it came from. */
export const rowsOf = (n: number) => Array.from({ length: n }, (_, i) => [10 * i, 10 * i + 1]);
export const labelsOf = (n: number) => Array.from({ length: n }, (_, i) => 100 + i);

/** The expected batches of the given arrays, by hand. */
export function batchesByHand<T>(items: T[], batchSize: number, order: number[]): T[][] {
  const shuffled = order.map((i) => items[i] as T);
  const batches: T[][] = [];
  for (let start = 0; start < shuffled.length; start += batchSize) batches.push(shuffled.slice(start, start + batchSize));
  return batches;
}

const count = (n: number) => `${n} batch${n === 1 ? "" : "es"}`;

/** The `{ xs, ys }` of one batch, each read once from the learner's object. */
export function batchParts(batch: unknown): { xs: unknown; ys: unknown } {
  if (typeof batch !== "object" || batch === null) return { xs: batch, ys: undefined };
  const { xs, ys } = batch as { xs?: unknown; ys?: unknown };
  return { xs, ys };
}

export default defineTests<typeof Reference>(({ test, tf, solution, expectArray, expectTensor, expectEqual, expectThrows, expectNoLeak, readValues, fail }) => {
  /** Checks the list of batches: count, then every xs and ys against the expected rows. */
  const expectBatches = (actual: unknown, expectedX: Plain[][], expectedY: Plain[][], label: string, hint?: string) => {
    const batches = expectArray(actual, { label: `${label} (an array of { xs, ys } batches)` }).map(batchParts);
    if (batches.length !== expectedX.length) {
      const sizes = batches.map(({ xs }) => {
        try {
          return String(readValues(xs).shape[0]);
        } catch {
          return "?";
        }
      });
      fail(
        `${label}: expected ${count(expectedX.length)} (sizes ${expectedX.map((b) => b.length).join(", ")}) but got ${count(batches.length)} (sizes ${sizes.join(", ") || "none"}).` +
          " The last batch holds the remainder when n is not a multiple of batchSize, and there is never an empty batch.",
      );
    }
    batches.forEach(({ xs, ys }, b) => {
      const where = `${label}, batch ${b}`;
      expectEqual(expectTensor(xs, { label: `${where}: xs` }), expectedX[b] ?? [], { label: `${where}: xs`, hint });
      expectEqual(expectTensor(ys, { label: `${where}: ys` }), expectedY[b] ?? [], { label: `${where}: ys`, hint });
    });
  };

  const order = [3, 0, 4, 1, 2];

  test("batches of batchSize samples in the given order, the last one smaller", () => {
    const batches = solution.makeBatches(tf.tensor2d(rowsOf(5)), tf.tensor1d(labelsOf(5)), 2, order);
    expectBatches(batches, batchesByHand(rowsOf(5), 2, order), batchesByHand(labelsOf(5), 2, order), "makeBatches(x [5, 2], y [5], 2, [3, 0, 4, 1, 2])",
      "row i of x is [10i, 10i+1]: batch 0 must hold samples order[0], order[1] = 3, 0, i.e. tf.gather(x, order), then consecutive slices.");
  }, { points: 2 });

  test("x and y are shuffled together: every label stays with its sample", () => {
    const labels = labelsOf(5).map((label) => [label, -label]);
    const batches = solution.makeBatches(tf.tensor2d(rowsOf(5)), tf.tensor2d(labels), 3, order);
    expectBatches(batches, batchesByHand(rowsOf(5), 3, order), batchesByHand(labels, 3, order), "makeBatches(x [5, 2], y [5, 2], 3, order)",
      "apply the same order to y as to x: sample i's label is 100 + i.");
  }, { points: 2 });

  test("image-shaped x [n, 2, 2]: samples are sliced along the first axis only", () => {
    const images = Array.from({ length: 4 }, (_, i) => [[i, i + 0.25], [i + 0.5, i + 0.75]]);
    const imageOrder = [2, 3, 1, 0];
    const batches = solution.makeBatches(tf.tensor3d(images), tf.tensor1d(labelsOf(4)), 3, imageOrder);
    expectBatches(batches, batchesByHand(images, 3, imageOrder), batchesByHand(labelsOf(4), 3, imageOrder), "makeBatches(x [4, 2, 2], y [4], 3, [2, 3, 1, 0])",
      "slice the first axis only; keep every other axis whole.");
  });

  test("batchSize ≥ n gives a single batch with every sample", () => {
    const batches = solution.makeBatches(tf.tensor2d(rowsOf(5)), tf.tensor1d(labelsOf(5)), 8, order);
    expectBatches(batches, batchesByHand(rowsOf(5), 8, order), batchesByHand(labelsOf(5), 8, order), "makeBatches(x [5, 2], y [5], 8, order)");
  });

  test("x and y with different numbers of samples throw", () => {
    expectThrows(() => solution.makeBatches(tf.tensor2d(rowsOf(5)), tf.tensor1d(labelsOf(4)), 2, order), {
      label: "makeBatches(x with 5 samples, y with 4)",
      matches: /same number of samples/i,
      hint: "compare x.shape[0] and y.shape[0] first and throw new Error('… same number of samples …').",
    });
    // Only then: the same number of samples gives a list of batches.
    expectArray(solution.makeBatches(tf.tensor2d(rowsOf(2)), tf.tensor1d(labelsOf(2)), 2, [1, 0]), {
      label: "makeBatches(x with 2 samples, y with 2)",
      hint: "throw only when the numbers of samples differ.",
    });
  });

  test("no tensor leaks: only the batch tensors stay allocated", () => {
    const x = tf.tensor2d(rowsOf(5));
    const y = tf.tensor1d(labelsOf(5));
    const batches = expectNoLeak(() => solution.makeBatches(x, y, 2, order), { label: "makeBatches(x, y, 2, order)" });
    expectBatches(batches, batchesByHand(rowsOf(5), 2, order), batchesByHand(labelsOf(5), 2, order), "makeBatches(x, y, 2, order)");
  });
});
