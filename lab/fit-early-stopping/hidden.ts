import { defineTests } from "@/lib/lab/api";
import type * as Reference from "./solution";
import { buildModel, fitByHand, HINTS, initialState, makeData, optimizerByHand, ordersFrom, stateValues, tensors, variablesOf, WEIGHT_NAMES } from "./tests";

export default defineTests<typeof Reference>(({ test: register, tf, solution, random, expectArray, expectClose, expectEqual, expectNumber, expectTrue }) => {
  // A WebGL backend compiles a shader program the first time each op runs: these models run dozens of ops, so a
  // first run in a fresh browser takes seconds before any of the learner's work is timed. Each test gets 20 s.
  const test: typeof register = (name, fn, options = {}) => register(name, fn, { timeoutMs: 20_000, ...options });
  test("an Adam run on other sizes matches a twin run computed by hand: history, stopping epoch and restored weights — epoch loss weighted by batch size, validation with training off, every weight restored", async () => {
    const rng = random(23);
    const start = initialState(rng, 3, 2);
    const data = makeData(rng, 11, 7, 3, 2);
    const options = { epochs: 15, batchSize: 4, patience: 3, orders: ordersFrom(random(24), 11, 15) };
    const expected = fitByHand(start, optimizerByHand("adam", 0.1), data.train, data.validation, options);
    const model = buildModel(tf, start);
    const variables = variablesOf(model);
    const history = (await solution.fit(model, tf.train.adam(0.1), tensors(tf, data.train), tensors(tf, data.validation), options)) as unknown as Record<string, unknown>;
    const label = "the history of an Adam run";
    for (const part of ["loss", "valLoss"] as const) {
      const values = expectArray(history?.[part], { label: `${label}: ${part}` });
      expectTrue(values.length === expected[part].length, `${label}: ${part} has ${values.length} entries, not one per epoch run. ${HINTS.stop}`);
      values.forEach((value, epoch) =>
        expectClose(expectNumber(value, { label: `${label}: ${part}[${epoch}]` }), expected[part][epoch]!, { label: `${label}: ${part}[${epoch}]`, hint: { values: HINTS[part] } }),
      );
    }
    expectEqual(expectNumber(history?.bestEpoch, { label: `${label}: bestEpoch` }), expected.bestEpoch, { label: `${label}: bestEpoch`, hint: "the index (from 0) of the epoch with the lowest validation loss." });
    variables.forEach((variable, p) => expectClose(variable, stateValues(expected.final)[p]!, { label: `${WEIGHT_NAMES[p]} after an Adam run`, hint: { values: HINTS.restore } }));
  }, { hidden: true, points: 3, timeoutMs: 10_000 });
});
