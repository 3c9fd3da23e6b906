// Captures what the learner's code prints, per test, through the `console` the module loader injects: no global
// console is patched, so the same code works in the worker, in Node and in the sandbox (which has no console).

export type LabConsole = Pick<Console, "log" | "info" | "warn" | "error" | "debug">;

export type OutputCapture = {
  console: LabConsole;
  /** Returns what was printed since the last call and starts afresh. */
  take(): string;
};

const MAX_BUFFER = 20_000;

export function createOutputCapture(): OutputCapture {
  let buffer = "";
  const write = (prefix: string) => (...args: unknown[]) => {
    if (buffer.length > MAX_BUFFER) return;
    buffer += `${prefix}${args.map(formatArg).join(" ")}\n`;
  };
  return {
    console: { log: write(""), info: write(""), debug: write(""), warn: write("warning: "), error: write("error: ") },
    take() {
      const taken = buffer;
      buffer = "";
      return taken;
    },
  };
}

function formatArg(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (typeof value === "object" && value !== null) {
    // A tensor prints its values, the way learners expect from t.print().
    const maybeTensor = value as { dataSync?: unknown; toString(verbose?: boolean): string; isDisposed?: boolean };
    if (typeof maybeTensor.dataSync === "function") {
      if (maybeTensor.isDisposed) return "Tensor (disposed)";
      try {
        return maybeTensor.toString();
      } catch {
        return "Tensor";
      }
    }
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}
