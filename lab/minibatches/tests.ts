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

export default defineTests<typeof Reference>(({ test, tf, solution, expectArray, expectTensor, expectEqual, expectThrows, expectNoLeak, readValues, fail, snapshotInputs }) => {
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

  // Expected batches are built from the test's own order, before the call: the call must not change it.
  test("batches of batchSize samples in the given order, the last one smaller", () => {
    const [expectedX, expectedY] = [batchesByHand(rowsOf(5), 2, order), batchesByHand(labelsOf(5), 2, order)];
    const batches = solution.makeBatches(tf.tensor2d(rowsOf(5)), tf.tensor1d(labelsOf(5)), 2, [...order]);
    expectBatches(batches, expectedX, expectedY, "makeBatches(x [5, 2], y [5], 2, [3, 0, 4, 1, 2])",
      "row i of x is [10i, 10i+1]: batch 0 must hold samples order[0], order[1] = 3, 0, i.e. tf.gather(x, order), then consecutive slices.");
  }, { points: 2 });

  test("x and y are shuffled together: every label stays with its sample", () => {
    const labels = labelsOf(5).map((label) => [label, -label]);
    const [expectedX, expectedY] = [batchesByHand(rowsOf(5), 3, order), batchesByHand(labels, 3, order)];
    const batches = solution.makeBatches(tf.tensor2d(rowsOf(5)), tf.tensor2d(labels), 3, [...order]);
    expectBatches(batches, expectedX, expectedY, "makeBatches(x [5, 2], y [5, 2], 3, order)",
      "apply the same order to y as to x: sample i's label is 100 + i.");
  }, { points: 2 });

  test("image-shaped x [n, 2, 2]: samples are sliced along the first axis only", () => {
    const images = Array.from({ length: 4 }, (_, i) => [[i, i + 0.25], [i + 0.5, i + 0.75]]);
    const imageOrder = [2, 3, 1, 0];
    const [expectedX, expectedY] = [batchesByHand(images, 3, imageOrder), batchesByHand(labelsOf(4), 3, imageOrder)];
    const batches = solution.makeBatches(tf.tensor3d(images), tf.tensor1d(labelsOf(4)), 3, [...imageOrder]);
    expectBatches(batches, expectedX, expectedY, "makeBatches(x [4, 2, 2], y [4], 3, [2, 3, 1, 0])",
      "slice the first axis only; keep every other axis whole.");
  });

  test("batchSize ≥ n gives a single batch with every sample", () => {
    const [expectedX, expectedY] = [batchesByHand(rowsOf(5), 8, order), batchesByHand(labelsOf(5), 8, order)];
    const batches = solution.makeBatches(tf.tensor2d(rowsOf(5)), tf.tensor1d(labelsOf(5)), 8, [...order]);
    expectBatches(batches, expectedX, expectedY, "makeBatches(x [5, 2], y [5], 8, order)");
  });

  test("x and y with different numbers of samples throw", () => {
    expectThrows(() => solution.makeBatches(tf.tensor2d(rowsOf(5)), tf.tensor1d(labelsOf(4)), 2, [...order]), {
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
    const [expectedX, expectedY] = [batchesByHand(rowsOf(5), 2, order), batchesByHand(labelsOf(5), 2, order)];
    const batches = expectNoLeak(() => solution.makeBatches(x, y, 2, [...order]), { label: "makeBatches(x, y, 2, order)" });
    expectBatches(batches, expectedX, expectedY, "makeBatches(x, y, 2, order)");
  });

  test("x, y and order are left as they were: the caller's order is not shuffled or sorted in place", () => {
    const x = tf.tensor2d(rowsOf(5));
    const y = tf.tensor1d(labelsOf(5));
    const callersOrder = [...order];
    const [expectedX, expectedY] = [batchesByHand(rowsOf(5), 2, order), batchesByHand(labelsOf(5), 2, order)];
    const inputs = snapshotInputs({ x, y, order: callersOrder }, { label: "makeBatches(x, y, 2, order)" });
    const batches = solution.makeBatches(x, y, 2, callersOrder);
    inputs.expectUnchanged();
    expectBatches(batches, expectedX, expectedY, "makeBatches(x, y, 2, order)");
  });

  test("n a multiple of batchSize (and batchSize 1): full batches only, never an empty one", () => {
    const fourOrder = [2, 0, 3, 1];
    expectBatches(solution.makeBatches(tf.tensor2d(rowsOf(4)), tf.tensor1d(labelsOf(4)), 2, [...fourOrder]), batchesByHand(rowsOf(4), 2, fourOrder),
      batchesByHand(labelsOf(4), 2, fourOrder), "makeBatches(x [4, 2], y [4], 2, [2, 0, 3, 1])", "loop while start < n: 4 samples in batches of 2 are exactly 2 batches.");
    expectBatches(solution.makeBatches(tf.tensor2d(rowsOf(3)), tf.tensor1d(labelsOf(3)), 1, [1, 2, 0]), batchesByHand(rowsOf(3), 1, [1, 2, 0]),
      batchesByHand(labelsOf(3), 1, [1, 2, 0]), "makeBatches(x [3, 2], y [3], 1, [1, 2, 0])");
  });

  test("12 samples: indices of two digits work (sort numbers with (a, b) => a − b, never .sort() alone)", () => {
    const twelve = [11, 3, 10, 0, 7, 2, 9, 1, 5, 8, 4, 6];
    const [expectedX, expectedY] = [batchesByHand(rowsOf(12), 5, twelve), batchesByHand(labelsOf(12), 5, twelve)];
    expectBatches(solution.makeBatches(tf.tensor2d(rowsOf(12)), tf.tensor1d(labelsOf(12)), 5, [...twelve]), expectedX, expectedY,
      "makeBatches(x [12, 2], y [12], 5, order)", "Array.prototype.sort() with no comparator sorts as strings ([0, 1, 10, 11, 2, …]): pass (a, b) => a − b, or don't sort.");
  });

  test("x and y with the same row shape but different numbers of samples throw", () => {
    expectThrows(() => solution.makeBatches(tf.tensor2d(rowsOf(5)), tf.tensor2d(rowsOf(4)), 2, [...order]), {
      label: "makeBatches(x [5, 2], y [4, 2])",
      matches: /same number of samples/i,
      hint: "the number of samples is the first axis of each (x.shape[0], y.shape[0]), not the last.",
    });
    // Only then: the same number of samples, whatever the rows' shapes, gives the batches.
    const labels = [[7, 8, 9], [4, 5, 6]];
    expectBatches(solution.makeBatches(tf.tensor2d(rowsOf(2)), tf.tensor2d(labels), 2, [1, 0]), [[rowsOf(2)[1]!, rowsOf(2)[0]!]], [[labels[1]!, labels[0]!]],
      "makeBatches(x [2, 2], y [2, 3], 2, [1, 0])", "throw only when the numbers of samples differ.");
  });
});
