import { describe, expect, it } from "vitest";
import { tf } from "../testing";
import { LabModuleError, lineInSolution, loadSolutionModule, transpileSolution } from "./solution-module";
import { createOutputCapture } from "./output";

function loadError(source: string, requiredExports: string[] = []): LabModuleError {
  try {
    loadSolutionModule(source, { tf, requiredExports });
  } catch (error) {
    expect(error).toBeInstanceOf(LabModuleError);
    return error as LabModuleError;
  }
  throw new Error("expected the module to fail to load");
}

describe("loadSolutionModule", () => {
  it("runs learner TypeScript with the injected tf behind '@tensorflow/tfjs' and '@tensorflow/tfjs-core'", () => {
    const loaded = loadSolutionModule(
      `import * as tf from "@tensorflow/tfjs";
       import { scalar } from "@tensorflow/tfjs-core";
       import tfDefault from "@tensorflow/tfjs";
       type Pair = [tf.Tensor, number];
       export function twice(x: tf.Tensor): tf.Tensor { return tf.mul(x, 2); }
       export const same = (): boolean => tfDefault.scalar === scalar;
       export const pair: Pair | null = null;`,
      { tf, requiredExports: ["twice", "same"] },
    );
    const result = (loaded.twice as (x: unknown) => { dataSync(): Float32Array })(tf.tensor1d([1, 2]));
    expect(Array.from(result.dataSync())).toEqual([2, 4]);
    expect((loaded.same as () => boolean)()).toBe(true);
  });

  it("refuses any other import, naming it", () => {
    const error = loadError(`import _ from "lodash";\nexport const f = _;`);
    expect(error.kind).toBe("import");
    expect(error.message).toBe("Only '@tensorflow/tfjs' can be imported in the lab, but solution.ts imports 'lodash'.");
    expect(loadError(`const fs = require("fs");`).kind).toBe("import");
  });

  it("reports a syntax error with line:column and a caret", () => {
    const error = loadError(`export function f(x: number) {\n  return x +;\n}`);
    expect(error.kind).toBe("syntax");
    expect(error.location).toEqual({ line: 2, column: 13 });
    expect(error.message).toBe("solution.ts:2:13: syntax error: Unexpected token\n2 |   return x +;\n  |             ^");
  });

  it("reports each missing export, and says when a name is declared but not exported", () => {
    const error = loadError(`function criticLoss() { return 1; }\nexport const other = 2;`, ["criticLoss", "generatorLoss"]);
    expect(error.kind).toBe("exports");
    expect(error.message.split("\n")).toEqual([
      "solution.ts declares `criticLoss` but does not export it: write `export` in front of its declaration.",
      "solution.ts must export `generatorLoss` (for example `export function generatorLoss(…) { … }`).",
    ]);
  });

  it("reports an error thrown while the module loads, with its line", () => {
    const error = loadError(`const a = 1;\nconst b = 2;\nthrow new TypeError("bad top level");`);
    expect(error.kind).toBe("runtime");
    expect(error.message).toBe("solution.ts:3: TypeError: bad top level (while loading the module)");
  });

  it("finds the learner's line in the stack of an error thrown later", () => {
    const loaded = loadSolutionModule(`import * as tf from "@tensorflow/tfjs";\n\nexport function f(): never {\n  throw new Error("Not implemented");\n}`, {
      tf,
      filename: "starter.ts",
    });
    try {
      (loaded.f as () => never)();
    } catch (error) {
      expect(lineInSolution(error, "starter.ts")).toBe(4);
    }
  });

  it("gives the learner's code the injected console", () => {
    const output = createOutputCapture();
    loadSolutionModule(`console.log("hello", 1, { a: 2 });\nconsole.warn("careful");`, { tf, console: output.console });
    expect(output.take()).toBe('hello 1 {"a":2}\nwarning: careful\n');
    expect(output.take()).toBe("");
  });

  it("keeps line numbers when stripping types", () => {
    const source = `import type { Tensor } from "@tensorflow/tfjs";\ninterface A {\n  x: number;\n}\nexport const y = 1;`;
    expect(transpileSolution(source).split("\n")).toHaveLength(source.split("\n").length);
  });
});
