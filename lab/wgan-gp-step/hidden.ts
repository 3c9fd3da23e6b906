import { defineTests } from "@/lib/lab/api";
import type * as Reference from "./solution";
import { adamByHand, batchTensors, buildCritic, buildGenerator, float32, gradientsByHand, initialWeights, lossByHand, makeBatch, nested, UPDATE_HINT, variablesOf } from "./tests";

export default defineTests<typeof Reference>(({ test: register, tf, solution, random, expectNumber, expectClose, expectEqual }) => {
  // A WebGL backend compiles a shader program the first time each op runs: these models run dozens of ops, so a
  // first run in a fresh browser takes seconds before any of the learner's work is timed. Each test gets 20 s.
  const test: typeof register = (name, fn, options = {}) => register(name, fn, { timeoutMs: 20_000, ...options });
  test("two Adam steps on other sizes match a twin run computed by hand — one critic step per call, only the critic's weights in the var list, the optimizer's moments carried over", async () => {
    const rng = random(44);
    const start = initialWeights(rng, 3, 3, 4);
    const batch = makeBatch(rng, 5, 3, 3);
    const adam = adamByHand(0.01, 0.5, 0.9);
    const afterOne = adam(start.critic, gradientsByHand(start.critic, start.generator, batch, 10));
    const secondLoss = lossByHand(afterOne, start.generator, batch, 10);
    const afterTwo = adam(afterOne, gradientsByHand(afterOne, start.generator, batch, 10));

    const critic = buildCritic(tf, start.critic);
    const generator = buildGenerator(tf, start.generator);
    const [criticVariables, generatorVariables] = [variablesOf(critic), variablesOf(generator)];
    const optimizer = tf.train.adam(0.01, 0.5, 0.9);
    const { real, noise, alpha } = batchTensors(tf, batch);
    await solution.criticStep(critic, generator, optimizer, real, noise, alpha, 10);
    const loss = expectNumber(await solution.criticStep(critic, generator, optimizer, real, noise, alpha, 10), { label: "the second criticStep" });
    expectClose(loss, secondLoss, {
      label: "the loss of the second Adam step",
      hint: { values: "the loss before each update, with the critic as the previous step left it: mean D(fake) − mean D(real) + λ·GP." },
    });
    criticVariables.forEach((variable, p) =>
      expectClose(variable, nested(afterTwo[p]!), { label: `${afterTwo[p]!.name} after two Adam steps`, hint: { values: UPDATE_HINT } }),
    );
    generatorVariables.forEach((variable, p) =>
      expectEqual(variable, nested(float32(start.generator[p]!)), {
        label: `${start.generator[p]!.name} after two critic steps`,
        hint: { values: "the critic's step updates the critic's weights only: give minimize() (or applyGradients) the critic's variables." },
      }),
    );
  }, { hidden: true, points: 2 });
});
