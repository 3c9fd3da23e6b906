// How numbers, shapes and tensors read in a failure message: short, exact enough to compare by eye.

/** A tensor-like value as plain data: row-major values and a shape (`[]` for a scalar). */
export type Flat = { values: number[]; shape: number[] };

const PREVIEW_HEAD = 6;
const PREVIEW_TAIL = 2;
const NESTED_LIMIT = 24;

export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(", ")}]`;
}

export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "Infinity";
  if (value === -Infinity) return "-Infinity";
  if (Number.isInteger(value)) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e6)) return value.toExponential(4).replace(/\.?0+e/, "e");
  return String(Number(value.toPrecision(6)));
}

export function formatValue(value: number, asBool = false): string {
  return asBool && (value === 0 || value === 1) ? String(value === 1) : formatNumber(value);
}

/** Row-major index → coordinates: 5 in [2, 3] is [1, 2]. */
export function unravelIndex(flatIndex: number, shape: readonly number[]): number[] {
  const coords: number[] = [];
  let rest = flatIndex;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    const size = shape[axis] ?? 1;
    coords.unshift(rest % size);
    rest = Math.floor(rest / size);
  }
  return coords;
}

export function formatIndex(flatIndex: number, shape: readonly number[]): string {
  return shape.length === 0 ? "(scalar)" : formatShape(unravelIndex(flatIndex, shape));
}

/**
 * A preview of a tensor's values: nested like the tensor when small (`[[0.1, 0.2], [0.3, 0.4]]`), otherwise the
 * first and last few row-major values with the count. `around` keeps one index (the first difference) in view.
 */
export function previewValues(flat: Flat, options: { around?: number; asBool?: boolean } = {}): string {
  const { values, shape } = flat;
  const format = (value: number) => formatValue(value, options.asBool);
  if (shape.length === 0) return format(values[0] ?? NaN);
  if (values.length <= NESTED_LIMIT) return nested(values, shape, 0, 0, format);
  const shown = new Set<number>();
  for (let i = 0; i < PREVIEW_HEAD; i++) shown.add(i);
  for (let i = values.length - PREVIEW_TAIL; i < values.length; i++) shown.add(i);
  if (options.around !== undefined) for (let i = options.around - 1; i <= options.around + 1; i++) shown.add(i);
  const indexes = [...shown].filter((i) => i >= 0 && i < values.length).sort((a, b) => a - b);
  const parts: string[] = [];
  let previous = -1;
  for (const i of indexes) {
    if (i !== previous + 1) parts.push("…");
    parts.push(format(values[i] ?? NaN));
    previous = i;
  }
  if (previous !== values.length - 1) parts.push("…");
  return `[${parts.join(", ")}] (${values.length} values, shape ${formatShape(shape)}, row-major)`;
}

function nested(values: number[], shape: number[], axis: number, offset: number, format: (value: number) => string): string {
  const size = shape[axis] ?? 0;
  if (axis === shape.length - 1) {
    return `[${values.slice(offset, offset + size).map(format).join(", ")}]`;
  }
  const stride = shape.slice(axis + 1).reduce((product, n) => product * n, 1);
  const rows: string[] = [];
  for (let i = 0; i < size; i++) rows.push(nested(values, shape, axis + 1, offset + i * stride, format));
  return `[${rows.join(", ")}]`;
}
