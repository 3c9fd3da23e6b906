// Which tensors the grader's own tfjs made. A check must never take a learner's word for what a value is: a plain
// object, a Proxy, a subclass or a tensor whose `shape` was rewritten can all claim to be a tf.Tensor. So before any
// learner code runs, the engine's factories (makeTensor, makeTensorFromTensorInfo, makeVariable) are wrapped: every
// tensor they return is recorded here — with its shape, dtype and data as tfjs made them — and only recorded tensors
// are accepted. A Proxy is a different object, so it is never recorded; its target may be, but the checks only ever
// read the recorded facts and the engine's data, never the object's own properties or methods. Disposal and
// creation go through the wrapped engine too, so leaks are counted from what tfjs really holds, not claimed ids.
//
// The engine's methods are then pinned on the engine (not writable, not configurable) and the Engine, Tensor and
// Variable prototypes frozen: learner code can neither swap a factory for one that skips the record, nor shadow
// endScope or readSync. Everything used after that is captured here first. Environment-agnostic: no Node, no tf import.
import type { Tensor, Tf } from "./tf";

/** What tfjs made: copied when the tensor was made (a Variable's data follows its assignments). */
export type TensorFacts = { readonly shape: readonly number[]; readonly dtype: string; readonly size: number; readonly variable: boolean };

/** Why a value is not a tensor a check can use. */
export type Refusal =
  | { kind: "not-tensor" } // a number, an array, a Promise, undefined…
  | { kind: "forged" } // looks like a tensor, was not made by tf
  | { kind: "class-changed" } // made by tf, then given another prototype
  | { kind: "disposed" }
  | { kind: "unreadable"; dtype?: string } // its data cannot be read as numbers (string or complex, or tfjs broken)
  | { kind: "size-mismatch"; shape: readonly number[]; values: number };

export class TensorRefused extends Error {
  constructor(readonly refusal: Refusal) {
    super(`refused: ${refusal.kind}`);
    this.name = "TensorRefused";
  }
}

export type LeakMark = { readonly serial: number; readonly live: number };

export type TensorProvenance = {
  /** The facts of a genuine, live tensor, or why it is not one. */
  inspect(value: unknown): { facts: TensorFacts } | { refusal: Refusal };
  /** Its values, row-major, read from the engine's data (once): throws TensorRefused. */
  read(value: unknown): { values: number[]; shape: number[]; dtype: string };
  isGenuine(value: unknown): value is Tensor;
  /** The backend's float precision when the grader started (learner code cannot loosen a tolerance). */
  readonly precision: number;
  /** Before a call whose leaks are counted. */
  mark(): LeakMark;
  /** Genuine tensors made since `mark` that are still live, and how many of those alive at `mark` still are. */
  since(mark: LeakMark): { created: Tensor[]; survivors: number };
  /** The runner's per-test scope, through the engine's own methods as they were before learner code ran. */
  startScope(): void;
  endScope(): void;
  /** Disposes the variables made since `mark` (a test's own, or its learner's). */
  disposeVariablesSince(mark: LeakMark): void;
  /**
   * The gradient of the sum of f's outputs with respect to each of `xs` (tensors or variables), by the engine's own
   * tape as it was before learner code ran: `grads[i]` is undefined where no path leads from `xs[i]` to the result.
   */
  gradients(f: () => Tensor, xs: readonly Tensor[]): { value: Tensor; grads: (Tensor | undefined)[] };
};

// Captured at module evaluation, before any learner code can run.
const { apply, getPrototypeOf, getOwnPropertyDescriptor, defineProperty, ownKeys } = Reflect;
const { isArray } = Array;
const { isInteger } = Number;
const { freeze } = Object;
const uncurry =
  <A extends unknown[], R>(fn: (...args: A) => R) =>
  (self: unknown, ...args: A): R =>
    apply(fn, self, args) as R;
const weakMapGet = uncurry(WeakMap.prototype.get) as (map: WeakMap<object, unknown>, key: object) => unknown;
const weakMapSet = uncurry(WeakMap.prototype.set) as (map: WeakMap<object, unknown>, key: object, value: unknown) => void;
const weakSetHas = uncurry(WeakSet.prototype.has) as (set: WeakSet<object>, key: unknown) => boolean;
const weakSetAdd = uncurry(WeakSet.prototype.add) as (set: WeakSet<object>, key: object) => void;
const setAdd = uncurry(Set.prototype.add) as (set: Set<object>, value: object) => void;
const setDelete = uncurry(Set.prototype.delete) as (set: Set<object>, value: object) => boolean;
const setForEach = uncurry(Set.prototype.forEach) as (set: Set<object>, fn: (value: object) => void) => void;
const setHas = uncurry(Set.prototype.has) as (set: Set<object>, value: object) => boolean;
const typedArrayLength = uncurry(getOwnPropertyDescriptor(getPrototypeOf(Uint8Array.prototype) as object, "length")!.get!) as (array: unknown) => number;

const isDtype = (value: unknown): value is string =>
  value === "float32" || value === "int32" || value === "bool" || value === "complex64" || value === "string";
const MAX_RANK = 32;

type Record_ = { shape: number[]; dtype: string; size: number; dataId: object; variable: boolean; serial: number };

// One record per engine (a process may hold one tfjs; a test file one per module graph).
const installed = new WeakMap<object, TensorProvenance>();

type EngineLike = Record<string, unknown> & { readonly registeredVariables: Record<string, unknown> };

/** The provenance of `tf`'s tensors, installed on its engine the first time (before any learner code runs). */
export function tensorProvenance(tf: Tf): TensorProvenance {
  const engine = tf.engine() as unknown as EngineLike;
  const existing = weakMapGet(installed as WeakMap<object, unknown>, engine) as TensorProvenance | undefined;
  if (existing) return existing;
  const provenance = install(tf, engine);
  weakMapSet(installed as WeakMap<object, unknown>, engine, provenance);
  return provenance;
}

function install(tf: Tf, engine: EngineLike): TensorProvenance {
  const EngineProto = getPrototypeOf(engine) as Record<string, unknown>;
  const TensorProto = tf.Tensor.prototype as object;
  const VariableProto = tf.Variable.prototype as object;
  if (Object.isFrozen(EngineProto)) {
    throw new Error("tfjs's engine was frozen by another copy of the lab's test API: load one copy per tfjs instance.");
  }
  const original = (name: string) => {
    const fn = EngineProto[name];
    if (typeof fn !== "function") throw new Error(`tfjs's engine has no ${name}(): the lab's test API needs tfjs 4.`);
    return fn as (...args: unknown[]) => unknown;
  };
  const makeTensor = original("makeTensor");
  const makeTensorFromTensorInfo = original("makeTensorFromTensorInfo");
  const makeVariable = original("makeVariable");
  const trackTensor = original("trackTensor");
  const disposeTensor = original("disposeTensor");
  const disposeVariable = original("disposeVariable");
  const startScope = original("startScope");
  const endScope = original("endScope");
  const readSync = original("readSync");
  const gradients = original("gradients");

  let precision = 32;
  try {
    precision = tf.backend().floatPrecision();
  } catch {
    // No backend yet: float32, the common case.
  }

  const records = new WeakMap<object, Record_>();
  const genuine = new WeakSet<object>();
  const live = new Set<object>();
  let serial = 0;

  // The facts as tfjs's constructor set them, copied once; anything malformed is not recorded (so never accepted).
  const factsOf = (tensor: object, variable: boolean): Record_ | null => {
    const candidate = tensor as { shape?: unknown; dtype?: unknown; dataId?: unknown };
    const rawShape = candidate.shape;
    if (!isArray(rawShape)) return null;
    const rank = rawShape.length;
    if (!isInteger(rank) || rank < 0 || rank > MAX_RANK) return null;
    const shape: number[] = [];
    let size = 1;
    for (let axis = 0; axis < rank; axis++) {
      const n: unknown = rawShape[axis];
      if (typeof n !== "number" || !isInteger(n) || n < 0) return null;
      shape[axis] = n;
      size *= n;
    }
    const dtype = candidate.dtype;
    const dataId = candidate.dataId;
    if (!isDtype(dtype) || typeof dataId !== "object" || dataId === null) return null;
    return { shape: freeze(shape) as number[], dtype, size, dataId, variable, serial: ++serial };
  };

  const classOf = (value: object): "tensor" | "variable" | null => {
    const proto = getPrototypeOf(value);
    return proto === TensorProto ? "tensor" : proto === VariableProto ? "variable" : null;
  };

  const wrapped: Record<string, (this: unknown, ...args: unknown[]) => unknown> = {
    trackTensor(this: unknown, ...args: unknown[]) {
      const result = apply(trackTensor, this, args);
      const tensor = args[0];
      if (typeof tensor === "object" && tensor !== null && classOf(tensor) !== null) {
        const record = weakMapGet(records as WeakMap<object, unknown>, tensor) as Record_ | undefined;
        if (record === undefined) {
          const facts = factsOf(tensor, classOf(tensor) === "variable");
          if (facts) weakMapSet(records as WeakMap<object, unknown>, tensor, facts);
        } else if (record.variable) {
          // Variable.assign() points the variable at its new value's data, then tracks it again.
          const dataId = (tensor as { dataId?: unknown }).dataId;
          if (typeof dataId === "object" && dataId !== null) record.dataId = dataId;
        }
        setAdd(live, tensor);
      }
      return result;
    },
    disposeTensor(this: unknown, ...args: unknown[]) {
      const result = apply(disposeTensor, this, args);
      const tensor = args[0];
      if (typeof tensor === "object" && tensor !== null) setDelete(live, tensor);
      return result;
    },
    makeTensor(this: unknown, ...args: unknown[]) {
      return brand(apply(makeTensor, this, args));
    },
    makeTensorFromTensorInfo(this: unknown, ...args: unknown[]) {
      return brand(apply(makeTensorFromTensorInfo, this, args));
    },
    makeVariable(this: unknown, ...args: unknown[]) {
      return brand(apply(makeVariable, this, args));
    },
  };

  // Only what the original factories return, recorded when tfjs tracked it, is genuine.
  function brand(made: unknown): unknown {
    if (typeof made === "object" && made !== null && classOf(made) !== null && weakMapGet(records as WeakMap<object, unknown>, made)) {
      weakSetAdd(genuine, made);
    }
    return made;
  }

  for (const [name, fn] of Object.entries(wrapped)) {
    defineProperty(EngineProto, name, { value: fn, writable: true, configurable: true, enumerable: false });
  }
  // Pin every method and accessor on the engine itself, then freeze the classes: nothing can be swapped or shadowed.
  for (const key of ownKeys(EngineProto)) {
    if (key === "constructor") continue;
    const descriptor = getOwnPropertyDescriptor(EngineProto, key)!;
    if (getOwnPropertyDescriptor(engine, key)) continue;
    defineProperty(engine, key, "value" in descriptor ? { ...descriptor, writable: false, configurable: false } : { ...descriptor, configurable: false });
  }
  freeze(EngineProto);
  freeze(TensorProto);
  freeze(VariableProto);
  // tfjs finds its engine on the global object for every tensor method (dispose, assign…): keep it there.
  const global = globalThis as { _tfengine?: unknown };
  if (global._tfengine === engine) defineProperty(global, "_tfengine", { value: engine, writable: false, configurable: false, enumerable: false });

  const inspect = (value: unknown): { facts: TensorFacts } | { refusal: Refusal } => {
    if (typeof value !== "object" || value === null) return { refusal: { kind: "not-tensor" } };
    const record = weakSetHas(genuine, value) ? (weakMapGet(records as WeakMap<object, unknown>, value) as Record_ | undefined) : undefined;
    if (!record) return { refusal: { kind: looksLikeTensor(value) ? "forged" : "not-tensor" } };
    if (classOf(value) === null) return { refusal: { kind: "class-changed" } };
    if (!setHas(live, value)) return { refusal: { kind: "disposed" } };
    return { facts: { shape: record.shape, dtype: record.dtype, size: record.size, variable: record.variable } };
  };

  const read = (value: unknown) => {
    const inspected = inspect(value);
    if ("refusal" in inspected) throw new TensorRefused(inspected.refusal);
    const record = weakMapGet(records as WeakMap<object, unknown>, value as object) as Record_;
    if (record.dtype === "string" || record.dtype === "complex64") throw new TensorRefused({ kind: "unreadable", dtype: record.dtype });
    let data: unknown;
    let length: number;
    try {
      data = apply(readSync, engine, [record.dataId]);
      length = typedArrayLength(data);
    } catch {
      throw new TensorRefused({ kind: "unreadable" });
    }
    if (length !== record.size) throw new TensorRefused({ kind: "size-mismatch", shape: record.shape, values: length });
    const values: number[] = [];
    const array = data as ArrayLike<number>;
    for (let i = 0; i < length; i++) values[i] = Number(array[i]);
    return { values, shape: [...record.shape], dtype: record.dtype };
  };

  return {
    inspect,
    read,
    isGenuine: (value: unknown): value is Tensor => !("refusal" in inspect(value)),
    precision,
    mark: () => ({ serial, live: countGenuineLive() }),
    since(mark) {
      const created: Tensor[] = [];
      let survivors = 0;
      setForEach(live, (tensor) => {
        const record = weakSetHas(genuine, tensor) ? (weakMapGet(records as WeakMap<object, unknown>, tensor) as Record_ | undefined) : undefined;
        if (!record) return;
        if (record.serial > mark.serial) created[created.length] = tensor as Tensor;
        else survivors++;
      });
      return { created, survivors };
    },
    gradients: (f, xs) => apply(gradients, engine, [f, [...xs], undefined, true]) as { value: Tensor; grads: (Tensor | undefined)[] },
    startScope: () => void apply(startScope, engine, [undefined]),
    endScope: () => void apply(endScope, engine, [undefined]),
    disposeVariablesSince(mark) {
      const made: object[] = [];
      setForEach(live, (tensor) => {
        const record = weakMapGet(records as WeakMap<object, unknown>, tensor) as Record_ | undefined;
        if (record?.variable && record.serial > mark.serial) made[made.length] = tensor;
      });
      for (const variable of made) apply(disposeVariable, engine, [variable]);
    },
  };

  function countGenuineLive(): number {
    let count = 0;
    setForEach(live, (tensor) => {
      if (weakSetHas(genuine, tensor)) count++;
    });
    return count;
  }
}

/** For messages only: does the value try to pass for a tensor? Reads can throw (getters, Proxies): then it does. */
function looksLikeTensor(value: object): boolean {
  try {
    const candidate = value as { shape?: unknown; dataSync?: unknown; data?: unknown };
    return isArray(candidate.shape) || typeof candidate.dataSync === "function" || typeof candidate.data === "function";
  } catch {
    return true;
  }
}
