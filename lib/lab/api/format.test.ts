import { describe, expect, it } from "vitest";
import { formatNumber, formatShape, previewValues, unravelIndex } from "./format";

describe("format", () => {
  it("formats shapes, numbers and indexes", () => {
    expect(formatShape([])).toBe("[]");
    expect(formatShape([2, 3])).toBe("[2, 3]");
    expect(formatNumber(0.1234567)).toBe("0.123457");
    expect(formatNumber(1e-7)).toBe("1e-7");
    expect(formatNumber(NaN)).toBe("NaN");
    expect(formatNumber(-Infinity)).toBe("-Infinity");
    expect(unravelIndex(5, [2, 3])).toEqual([1, 2]);
    expect(unravelIndex(7, [2, 2, 2])).toEqual([1, 1, 1]);
  });

  it("previews small tensors nested and big ones elided", () => {
    expect(previewValues({ values: [1, 2, 3, 4], shape: [2, 2] })).toBe("[[1, 2], [3, 4]]");
    expect(previewValues({ values: [1, 0], shape: [2] }, { asBool: true })).toBe("[true, false]");
    expect(previewValues({ values: [7], shape: [] })).toBe("7");
    const big = { values: Array.from({ length: 30 }, (_, i) => i), shape: [30] };
    expect(previewValues(big)).toBe("[0, 1, 2, 3, 4, 5, …, 28, 29] (30 values, shape [30], row-major)");
  });
});
