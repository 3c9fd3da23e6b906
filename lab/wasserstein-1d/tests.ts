import { defineTests } from "@/lib/lab/api";
import type * as Reference from "./solution";

/** W1 in float64: sort both, mean absolute difference. */
export function w1(a: number[], b: number[]): number {
  const sa = [...a].sort((x, y) => x - y);
  const sb = [...b].sort((x, y) => x - y);
  return sa.reduce((sum, x, i) => sum + Math.abs(x - (sb[i] ?? NaN)), 0) / sa.length;
}

export default defineTests<typeof Reference>(({ test, tf, solution, expectShape, expectClose, expectThrows, expectNoLeak, expectTensor, snapshotInputs }) => {
  const a = [3.1, -0.4, 1.7, 0.2, 2.5];
  const b = [0.9, 4.2, -1.3, 2.2, 0.1];

  test("1-D samples: mean |sort(a) − sort(b)|, a scalar", () => {
    const w = expectShape(solution.wasserstein1d(tf.tensor1d(a), tf.tensor1d(b)), [], {
      label: "wasserstein1d(a, b) for 1-D a and b",
      hint: "average over the last axis: 1-D inputs give a scalar.",
    });
    expectClose(w, w1(a, b), {
      label: "wasserstein1d(a, b)",
      hint: { values: "sort both samples the same way (tf.topk), then the mean (not the sum) of the absolute differences." },
    });
  }, { points: 2 });

  test("the order of the samples does not matter", () => {
    const shuffled = [b[3], b[0], b[4], b[1], b[2]].map(Number);
    const w = expectTensor(solution.wasserstein1d(tf.tensor1d(a), tf.tensor1d(shuffled)), { label: "wasserstein1d(a, shuffled b)" });
    expectClose(w, w1(a, b), {
      label: "wasserstein1d(a, b shuffled)",
      hint: { values: "a sample is a set of points, not a sequence: sort both a and b before pairing them." },
    });
  });

  test("shifting a sample by c moves it exactly |c|", () => {
    const shifted = [a[2], a[0], a[4], a[3], a[1]].map((x) => Number(x) - 2.5);
    const w = expectTensor(solution.wasserstein1d(tf.tensor1d(a), tf.tensor1d(shifted)), { label: "wasserstein1d(a, a − 2.5)" });
    expectClose(w, 2.5, { label: "wasserstein1d(a, a − 2.5, reordered)", hint: { values: "every point moves by 2.5, so the average move is 2.5." } });
  });

  test("same mean, different spread: the distance is not 0", () => {
    const wide = [-3, -1, 1, 3];
    const narrow = [0.5, -0.5, 0.25, -0.25];
    const w = expectTensor(solution.wasserstein1d(tf.tensor1d(wide), tf.tensor1d(narrow)), { label: "wasserstein1d(wide, narrow)" });
    expectClose(w, w1(wide, narrow), {
      label: "wasserstein1d([-3, -1, 1, 3], [0.5, -0.5, 0.25, -0.25])",
      hint: { values: "|mean(a) − mean(b)| is only a lower bound; pair the sorted points and average |a(i) − b(i)|, not their squares." },
    });
  }, { points: 2 });

  test("a [batch, n] batch gives one distance per row", () => {
    const rows = [a, [1, 2, 3, 4, 5], [0, 0, 0, 0, 10]];
    const others = [b, [5, 4, 3, 2, 1], [2, 2, 2, 2, 2]];
    const w = expectShape(solution.wasserstein1d(tf.tensor2d(rows), tf.tensor2d(others)), [3], {
      label: "wasserstein1d(a, b) for a [3, 5] batch",
      hint: "sort and average along the last axis only: each row is its own pair of samples.",
    });
    expectClose(w, rows.map((row, r) => w1(row, others[r] ?? [])), { label: "wasserstein1d(a, b) for a [3, 5] batch" });
  }, { points: 2 });

  test("samples of different sizes throw an error saying they must have the same size", () => {
    expectThrows(() => solution.wasserstein1d(tf.tensor1d([1, 2, 3, 4]), tf.tensor1d([1, 2, 3])), {
      label: "wasserstein1d(a of size 4, b of size 3)",
      matches: /same size/i,
      hint: "check the sizes of the last axes first and throw new Error('… must have the same size …').",
    });
    // Only then: samples of the same size get a distance.
    expectShape(solution.wasserstein1d(tf.tensor1d([1, 2, 3]), tf.tensor1d([3, 1, 5])), [], {
      label: "wasserstein1d(a of size 3, b of size 3)",
      hint: { type: "throw only when the sizes differ." },
    });
  });

  test("the sizes compared are the last axis's: [2, 4] against [2, 3] throws, as does [2, 1, 4] against [2, 1, 3]", () => {
    const hint = "the samples' size is the last axis (shape[rank − 1]), whatever the rank: not shape[0] (the batch) or shape[1].";
    expectThrows(() => solution.wasserstein1d(tf.zeros([2, 4]), tf.zeros([2, 3])), { label: "wasserstein1d(a [2, 4], b [2, 3])", matches: /same size/i, hint });
    expectThrows(() => solution.wasserstein1d(tf.zeros([2, 1, 4]), tf.zeros([2, 1, 3])), { label: "wasserstein1d(a [2, 1, 4], b [2, 1, 3])", matches: /same size/i, hint });
    // Only then: the same last axis, whatever the batch shape, gives a distance.
    expectClose(solution.wasserstein1d(tf.tensor3d([[[1, 2, 3]], [[0, 0, 0]]]), tf.tensor3d([[[3, 2, 1]], [[1, 1, 1]]])), [[0], [1]], {
      label: "wasserstein1d(a [2, 1, 3], b [2, 1, 3])",
      hint: { type: "throw only when the last axes differ." },
    });
  });

  test("a rank-3 batch [2, 1, 5] gives shape [2, 1]", () => {
    const rows = [a, [1, 2, 3, 4, 5]];
    const others = [b, [5, 4, 3, 2, 1]];
    const w = expectShape(solution.wasserstein1d(tf.tensor3d([[rows[0]!], [rows[1]!]]), tf.tensor3d([[others[0]!], [others[1]!]])), [2, 1], {
      label: "wasserstein1d(a, b) for a [2, 1, 5] batch",
      hint: "sort and average along the last axis only.",
    });
    expectClose(w, rows.map((row, r) => [w1(row, others[r] ?? [])]), { label: "wasserstein1d(a, b) for a [2, 1, 5] batch" });
  });

  test("a and b are left as they were (sorting is done on copies)", () => {
    const [x, y] = [tf.tensor2d([a, b]), tf.tensor2d([b, a])];
    const inputs = snapshotInputs({ a: x, b: y }, { label: "wasserstein1d(a, b)" });
    const w = expectTensor(solution.wasserstein1d(x, y), { label: "wasserstein1d(a, b)" });
    inputs.expectUnchanged();
    expectClose(w, [w1(a, b), w1(b, a)], { label: "wasserstein1d(a, b)" });
  });

  test("no tensor leaks (tf.topk returns two tensors)", () => {
    const [x, y] = [tf.tensor2d([a, b]), tf.tensor2d([b, a])];
    const w = expectNoLeak(() => solution.wasserstein1d(x, y), { label: "wasserstein1d(a, b)" });
    expectClose(w, [w1(a, b), w1(b, a)], { label: "wasserstein1d(a, b)" });
  });
});
