import { describe, expect, it } from "vitest";
import { DEFAULT_PARAMETERS, normalizeFittedParameters, parseParameters, PARAMETER_COUNT, sameParameters } from "./parameters";

const fitted = [0.4453, 1.8548, 5.1757, 12.6687, 6.2458, 0.6602, 3.1722, 0.0207, 1.9464, 0.2266, 0.9285, 1.5303, 0.0483, 0.3355, 1.6713, 0.6033, 2.1008, 0.5443, 0.1426, 0.0453, 0.101];

describe("parseParameters", () => {
  it("accepts FSRS's defaults (an empty list) and 21 weights within ts-fsrs's bounds", () => {
    expect(parseParameters([])).toEqual({ ok: true, value: [] });
    expect(parseParameters(fitted)).toEqual({ ok: true, value: fitted });
    expect(parseParameters([...DEFAULT_PARAMETERS])).toEqual({ ok: true, value: [...DEFAULT_PARAMETERS] });
    expect(DEFAULT_PARAMETERS).toHaveLength(PARAMETER_COUNT);
  });

  it.each([
    ["not a list", "0.4,1.8", /must be a list/],
    ["FSRS-5's 19 weights", fitted.slice(0, 19), /must be 21 numbers \(FSRS-6\), not 19/],
    ["22 weights", [...fitted, 0.1], /not 22/],
    ["a NaN", fitted.map((w, i) => (i === 3 ? Number.NaN : w)), /w3 is not a finite number/],
    ["an infinity", fitted.map((w, i) => (i === 8 ? Number.POSITIVE_INFINITY : w)), /w8 is not a finite number/],
    ["a string", fitted.map((w, i) => (i === 0 ? "0.4" : w)), /w0 is not a finite number/],
    ["an initial stability over 100 days", fitted.map((w, i) => (i === 3 ? 150 : w)), /w3 = 150 is outside 0.001–100/],
    ["a decay below 0.1", fitted.map((w, i) => (i === 20 ? 0.05 : w)), /w20 = 0.05 is outside 0.1–0.8/],
    ["a negative weight", fitted.map((w, i) => (i === 9 ? -0.1 : w)), /w9 = -0.1 is outside 0–0.8/],
  ])("refuses %s with the reason", (_name, input, message) => {
    const result = parseParameters(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });
});

describe("normalizeFittedParameters", () => {
  it("rounds single-precision noise and clips into the bounds, so the result always passes validation", () => {
    const noisy = fitted.map((w, i) => (i === 9 ? 0.800000011920929 : i === 20 ? 0.10000000149 : w));
    const stored = normalizeFittedParameters(noisy, 1);
    expect(stored[9]).toBe(0.8);
    expect(stored[20]).toBe(0.1);
    expect(parseParameters(stored).ok).toBe(true);
  });

  it("narrows w17 and w18 for several same-day relearning steps, as fsrs-rs does", () => {
    const wide = fitted.map((w, i) => (i === 17 || i === 18 ? 1.5 : w));
    expect(normalizeFittedParameters(wide, 1)[17]).toBe(1.5);
    expect(normalizeFittedParameters(wide, 3)[17]).toBeLessThan(1.5);
  });

  it("refuses what is not 21 finite numbers instead of storing it", () => {
    expect(() => normalizeFittedParameters(fitted.slice(0, 19), 1)).toThrow(/19 parameters/);
    expect(() => normalizeFittedParameters(fitted.map(() => Number.NaN), 1)).toThrow(/not finite/);
  });
});

describe("sameParameters", () => {
  it("treats an empty list as the defaults", () => {
    expect(sameParameters([], [...DEFAULT_PARAMETERS])).toBe(true);
    expect(sameParameters([], fitted)).toBe(false);
    expect(sameParameters(fitted, [...fitted])).toBe(true);
  });
});
