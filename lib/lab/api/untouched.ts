// Inputs belong to the caller. A function that shuffles the caller's array in place, writes into an input tensor or
// disposes it can return the right result and still break the code that called it — and a test that builds its
// expected value from the input after the call would not notice. So a test copies the inputs before the call (a
// tensor's values from tfjs's engine, an array's items) and compares after it, exactly.
import type { CheckOptions } from "./expect";
import type { TensorProvenance } from "./provenance";

export type InputSnapshot = {
  /** Fails if any input's values, items or shape changed since the snapshot, or a tensor was disposed. */
  expectUnchanged(): void;
};

export type SnapshotInputs = (inputs: Readonly<Record<string, unknown>>, options?: CheckOptions) => InputSnapshot;

type Copy = { kind: "tensor"; values: number[]; shape: number[] } | { kind: "plain"; value: unknown };

const { isArray } = Array;
const { is } = Object;
const ADVICE = "Don't change the caller's inputs: copy an array before you shuffle or sort it (slice()), and never write into or dispose an input tensor.";

export function createSnapshotInputs(deps: { provenance: TensorProvenance; fail: (message: string) => never }): SnapshotInputs {
  const { provenance, fail } = deps;
  return function snapshotInputs(inputs, options = {}) {
    // Copied here, before learner code sees them: the test made these values itself.
    const copies = Object.entries(inputs).map(([name, value]): [string, unknown, Copy] => {
      if (provenance.isGenuine(value)) {
        const { values, shape } = provenance.read(value);
        return [name, value, { kind: "tensor", values, shape }];
      }
      return [name, value, { kind: "plain", value: copyPlain(value) }];
    });
    const prefix = options.label ? `${options.label}: ` : "";
    return {
      expectUnchanged() {
        for (const [name, value, copy] of copies) {
          if (copy.kind === "tensor") {
            const inspected = provenance.inspect(value);
            if ("refusal" in inspected) fail(`${prefix}the input ${name} was disposed by the call — ${ADVICE}`);
            const now = provenance.read(value);
            const at = now.values.findIndex((v, i) => !is(v, copy.values[i]));
            if (at >= 0 || now.values.length !== copy.values.length) {
              fail(`${prefix}the input tensor ${name} was changed by the call (value ${at} differs) — ${ADVICE}`);
            }
          } else {
            const where = firstDifference(copy.value, value, "");
            if (where !== null) fail(`${prefix}the input ${name} was changed by the call (${where || "its value"} differs) — ${ADVICE}`);
          }
        }
      },
    };
  };
}

function copyPlain(value: unknown): unknown {
  return isArray(value) ? value.map(copyPlain) : value;
}

/** Where `now` differs from `before` (a path like "[3]"), or null when they are the same. */
function firstDifference(before: unknown, now: unknown, path: string): string | null {
  if (!isArray(before)) return is(before, now) ? null : path;
  if (!isArray(now) || now.length !== before.length) return `${path} length`.trim();
  for (let i = 0; i < before.length; i++) {
    const where = firstDifference(before[i], now[i], `${path}[${i}]`);
    if (where !== null) return where;
  }
  return null;
}
