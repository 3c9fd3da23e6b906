import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, parseSettings, parseSteps, parseStoredSettings, toFsrsParams } from "./settings";

function errorsOf(input: unknown) {
  const result = parseSettings(input);
  if (result.ok) throw new Error(`expected errors for ${JSON.stringify(input)}`);
  return result.errors;
}

function valueOf(input: unknown) {
  const result = parseSettings(input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

describe("parseSettings", () => {
  it("fills every missing field with its default", () => {
    const expected = {
      desiredRetention: 0.9,
      newPerDay: 20,
      maxReviewsPerDay: 200,
      learningSteps: "1m 10m",
      relearningSteps: "10m",
      maximumInterval: 36500,
      enableFuzz: true,
      rolloverHour: 4,
      timeZone: "UTC",
      learnAheadMinutes: 20,
      leechThreshold: 8,
      leechAction: "tag",
      fsrsParameters: [],
    };
    expect(valueOf({})).toEqual(expected);
    expect(DEFAULT_SETTINGS).toEqual(expected);
  });

  it("keeps valid values, normalizes steps and the zone's spelling, and drops unknown fields", () => {
    expect(
      valueOf({
        desiredRetention: 0.85,
        newPerDay: 0,
        maxReviewsPerDay: 99999,
        learningSteps: "  15m   1h 1d ",
        relearningSteps: "",
        maximumInterval: 1,
        enableFuzz: false,
        rolloverHour: 0,
        timeZone: "america/new_york",
        userId: "someone",
      }),
    ).toEqual({
      desiredRetention: 0.85,
      newPerDay: 0,
      maxReviewsPerDay: 99999,
      learningSteps: "15m 1h 1d",
      relearningSteps: "",
      maximumInterval: 1,
      enableFuzz: false,
      rolloverHour: 0,
      timeZone: "America/New_York",
      learnAheadMinutes: 20,
      leechThreshold: 8,
      leechAction: "tag",
      fsrsParameters: [],
    });
  });

  it.each([0.69, 0.995, 1, Number.NaN, "0.9", null])("refuses desired retention %s with the range", (value) => {
    expect(errorsOf({ desiredRetention: value })).toEqual({
      desiredRetention: "Desired retention must be between 0.70 and 0.99",
    });
  });

  it("accepts the retention bounds", () => {
    expect(valueOf({ desiredRetention: 0.7 }).desiredRetention).toBe(0.7);
    expect(valueOf({ desiredRetention: 0.99 }).desiredRetention).toBe(0.99);
  });

  it("names the limits a learner can fix", () => {
    expect(
      errorsOf({ newPerDay: 10000, maxReviewsPerDay: -1, maximumInterval: 0, rolloverHour: 24, enableFuzz: "yes" }),
    ).toEqual({
      newPerDay: "New cards per day must be a whole number from 0 to 9999",
      maxReviewsPerDay: "Maximum reviews per day must be a whole number from 0 to 99999",
      maximumInterval: "Maximum interval must be a whole number of days from 1 to 36500",
      rolloverHour: "The hour a new day starts must be a whole number from 0 to 23",
      enableFuzz: "Interval fuzz must be either on or off",
    });
    expect(errorsOf({ newPerDay: 2.5, rolloverHour: 3.5 })).toEqual({
      newPerDay: "New cards per day must be a whole number from 0 to 9999",
      rolloverHour: "The hour a new day starts must be a whole number from 0 to 23",
    });
  });

  it("names the bad step token", () => {
    expect(errorsOf({ learningSteps: "1m 10x", relearningSteps: "1.5h" })).toEqual({
      learningSteps:
        'Learning steps: "10x" is not a step; write a whole number followed by m, h or d, like "1m 10m" or "1h"',
      relearningSteps:
        'Relearning steps: "1.5h" is not a step; write a whole number followed by m, h or d, like "1m 10m" or "1h"',
    });
    expect(errorsOf({ learningSteps: "1m,10m" }).learningSteps).toContain('"1m,10m"');
    expect(errorsOf({ learningSteps: "0m" }).learningSteps).toContain('"0m"');
    expect(errorsOf({ learningSteps: 10 }).learningSteps).toBe('Learning steps must be text like "1m 10m"');
  });

  it("refuses a time zone Intl does not know, quoting it", () => {
    expect(errorsOf({ timeZone: "Mars/Olympus_Mons" })).toEqual({
      timeZone: '"Mars/Olympus_Mons" is not a time zone we know; use a name like Europe/Berlin or America/New_York',
    });
    expect(errorsOf({ timeZone: "" }).timeZone).toContain("is not a time zone we know");
  });

  it("reports input that is not an object at all", () => {
    expect(errorsOf("retention=0.9")).toEqual({ form: "Settings must be an object of fields" });
    expect(errorsOf(null)).toEqual({ form: "Settings must be an object of fields" });
  });
});

describe("parseSteps", () => {
  it("splits on any whitespace and accepts an empty list", () => {
    expect(parseSteps("1m\t10m\n1d")).toEqual({ ok: true, steps: ["1m", "10m", "1d"] });
    expect(parseSteps("   ")).toEqual({ ok: true, steps: [] });
  });

  it("stops at the first bad token", () => {
    expect(parseSteps("1m 5s 10q")).toEqual({
      ok: false,
      error: '"5s" is not a step; write a whole number followed by m, h or d, like "1m 10m" or "1h"',
    });
  });
});

describe("toFsrsParams", () => {
  it("passes the learner's choices to ts-fsrs", () => {
    const params = toFsrsParams(
      valueOf({
        desiredRetention: 0.8,
        maximumInterval: 365,
        enableFuzz: false,
        learningSteps: "5m 1h",
        relearningSteps: "",
      }),
    );
    expect(params).toMatchObject({
      request_retention: 0.8,
      maximum_interval: 365,
      enable_fuzz: false,
      enable_short_term: true,
      learning_steps: ["5m", "1h"],
      relearning_steps: [],
    });
    expect(params.w.length).toBeGreaterThanOrEqual(21);
  });

  it("uses ts-fsrs's own default steps for our defaults", () => {
    expect(toFsrsParams(DEFAULT_SETTINGS)).toMatchObject({ learning_steps: ["1m", "10m"], relearning_steps: ["10m"] });
  });
});

describe("parseSettings bounds", () => {
  it.each(["999999999999d", "366d", "8785h", "527041m"])("refuses a step longer than a year: %s", (step) => {
    const errors = errorsOf({ learningSteps: `1m ${step}`, relearningSteps: step });
    expect(errors.learningSteps).toBe(`Learning steps: "${step}" is longer than a year; a step can be at most 365d (8760h, 525600m)`);
    expect(errors.relearningSteps).toBe(`Relearning steps: "${step}" is longer than a year; a step can be at most 365d (8760h, 525600m)`);
  });

  it("accepts steps up to a year", () => {
    expect(valueOf({ learningSteps: "525600m 8760h 365d" }).learningSteps).toBe("525600m 8760h 365d");
  });

  it("refuses more than 20 steps", () => {
    const many = Array.from({ length: 21 }, (_, i) => `${i + 1}m`).join(" ");
    expect(errorsOf({ learningSteps: many }).learningSteps).toBe("Learning steps: at most 20 steps");
    expect(valueOf({ learningSteps: many.split(" ").slice(0, 20).join(" ") }).learningSteps.split(" ")).toHaveLength(20);
  });

  it("bounds the learn-ahead window and the leech threshold, and knows the leech actions", () => {
    expect(errorsOf({ learnAheadMinutes: 1441, leechThreshold: 0, leechAction: "delete" })).toEqual({
      learnAheadMinutes: "Learn ahead must be a whole number of minutes from 0 to 1440",
      leechThreshold: "The leech threshold must be a whole number of lapses from 1 to 999",
      leechAction: 'A leech is either tagged ("tag") or suspended ("suspend")',
    });
    expect(valueOf({ learnAheadMinutes: 0, leechThreshold: 999, leechAction: "suspend" })).toMatchObject({
      learnAheadMinutes: 0,
      leechThreshold: 999,
      leechAction: "suspend",
    });
  });
});

describe("parseStoredSettings", () => {
  it("keeps a valid row as it is, with no problems", () => {
    expect(parseStoredSettings({ ...DEFAULT_SETTINGS, newPerDay: 7 })).toEqual({ value: { ...DEFAULT_SETTINGS, newPerDay: 7 }, problems: null });
  });

  it("replaces only the fields that fail validation, and reports them", () => {
    const stored = { ...DEFAULT_SETTINGS, newPerDay: 7, learningSteps: "999999999999d", timeZone: "Mars/Olympus_Mons" };
    const { value, problems } = parseStoredSettings(stored);
    expect(value).toEqual({ ...DEFAULT_SETTINGS, newPerDay: 7 });
    expect(problems).toEqual({
      learningSteps: 'Learning steps: "999999999999d" is longer than a year; a step can be at most 365d (8760h, 525600m)',
      timeZone: '"Mars/Olympus_Mons" is not a time zone we know; use a name like Europe/Berlin or America/New_York',
    });
  });
});

describe("a learner's FSRS parameters in their settings", () => {
  const fitted = [0.4453, 1.8548, 5.1757, 12.6687, 6.2458, 0.6602, 3.1722, 0.0207, 1.9464, 0.2266, 0.9285, 1.5303, 0.0483, 0.3355, 1.6713, 0.6033, 2.1008, 0.5443, 0.1426, 0.0453, 0.101];

  it("go to ts-fsrs as they are; none means FSRS's defaults", () => {
    expect(toFsrsParams({ ...DEFAULT_SETTINGS, fsrsParameters: fitted }).w).toEqual(fitted);
    expect(toFsrsParams(DEFAULT_SETTINGS).w).toEqual(toFsrsParams({ ...DEFAULT_SETTINGS, fsrsParameters: [] }).w);
    expect(toFsrsParams(DEFAULT_SETTINGS).w[3]).toBeCloseTo(8.2956, 4);
  });

  it("stored but no longer valid: FSRS's defaults apply, and the problem is reported, the other fields kept", () => {
    const stored = { ...DEFAULT_SETTINGS, newPerDay: 7, fsrsParameters: fitted.slice(0, 19) };
    const { value, problems } = parseStoredSettings(stored);
    expect(value.fsrsParameters).toEqual([]);
    expect(value.newPerDay).toBe(7);
    expect(problems).toEqual({ fsrsParameters: "FSRS parameters must be 21 numbers (FSRS-6), not 19" });
    expect(parseStoredSettings({ ...stored, fsrsParameters: fitted.map((w, i) => (i === 20 ? 5 : w)) }).problems?.fsrsParameters).toMatch(/w20 = 5 is outside/);
  });
});
