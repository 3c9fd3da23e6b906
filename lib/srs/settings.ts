import { generatorParameters, type FSRSParameters, type StepUnit } from "ts-fsrs";
import { z } from "zod";
import { canonicalTimeZone } from "./day";
import { parseParameters } from "./parameters";

/** One (re)learning step: a whole number and a unit (`1m`, `10m`, `1h`, `1d`). */
const STEP = /^([1-9]\d*)([mhd])$/;
const MINUTES_PER_UNIT = { m: 1, h: 60, d: 1440 } as const;
/** Bounds that keep every due date representable and every list readable. */
const MAX_STEP_MINUTES = 365 * 1440;
const MAX_STEPS = 20;

export type ParseStepsResult = { ok: true; steps: StepUnit[] } | { ok: false; error: string };

/** A valid step's length in minutes (`1d` is 1440). */
export function stepMinutes(step: string): number {
  const match = STEP.exec(step);
  if (!match) throw new Error(`"${step}" is not a step; validate steps with parseSteps`);
  return Number(match[1]) * MINUTES_PER_UNIT[match[2] as keyof typeof MINUTES_PER_UNIT];
}

/** "1m 10m" → ["1m", "10m"]; empty text means no steps. Each step is at most a year, and there are at most 20. */
export function parseSteps(text: string): ParseStepsResult {
  const tokens = text.trim().split(/\s+/).filter((token) => token !== "");
  const steps: StepUnit[] = [];
  for (const token of tokens) {
    if (!STEP.test(token)) {
      return {
        ok: false,
        error: `"${token}" is not a step; write a whole number followed by m, h or d, like "1m 10m" or "1h"`,
      };
    }
    if (stepMinutes(token) > MAX_STEP_MINUTES) {
      return { ok: false, error: `"${token}" is longer than a year; a step can be at most 365d (8760h, 525600m)` };
    }
    steps.push(token as StepUnit);
  }
  if (steps.length > MAX_STEPS) return { ok: false, error: `at most ${MAX_STEPS} steps` };
  return { ok: true, steps };
}

function stepsField(label: string) {
  return z.string({ error: `${label} must be text like "1m 10m"` }).transform((text, ctx) => {
    const parsed = parseSteps(text);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: `${label}: ${parsed.error}` });
      return z.NEVER;
    }
    return parsed.steps.join(" ");
  });
}

const retentionMessage = "Desired retention must be between 0.70 and 0.99";
const newPerDayMessage = "New cards per day must be a whole number from 0 to 9999";
const maxReviewsMessage = "Maximum reviews per day must be a whole number from 0 to 99999";
const maximumIntervalMessage = "Maximum interval must be a whole number of days from 1 to 36500";
const rolloverMessage = "The hour a new day starts must be a whole number from 0 to 23";
const learnAheadMessage = "Learn ahead must be a whole number of minutes from 0 to 1440";
const leechThresholdMessage = "The leech threshold must be a whole number of lapses from 1 to 999";
const leechActionMessage = 'A leech is either tagged ("tag") or suspended ("suspend")';

/** What happens to a card when it becomes a leech: it is marked (always), and suspended if the learner chose so. */
export const LEECH_ACTIONS = ["tag", "suspend"] as const;
export type LeechAction = (typeof LEECH_ACTIONS)[number];

function wholeNumber(min: number, max: number, message: string) {
  return z.number({ error: message }).int(message).min(min, message).max(max, message);
}

export const settingsSchema = z.object({
  desiredRetention: z
    .number({ error: retentionMessage })
    .min(0.7, retentionMessage)
    .max(0.99, retentionMessage)
    .default(0.9),
  newPerDay: wholeNumber(0, 9999, newPerDayMessage).default(20),
  maxReviewsPerDay: wholeNumber(0, 99999, maxReviewsMessage).default(200),
  learningSteps: stepsField("Learning steps").default("1m 10m"),
  relearningSteps: stepsField("Relearning steps").default("10m"),
  maximumInterval: wholeNumber(1, 36500, maximumIntervalMessage).default(36500),
  enableFuzz: z.boolean({ error: "Interval fuzz must be either on or off" }).default(true),
  rolloverHour: wholeNumber(0, 23, rolloverMessage).default(4),
  timeZone: z
    .string({ error: "Time zone must be a name like Europe/Berlin" })
    .trim()
    .refine((name) => canonicalTimeZone(name) !== null, {
      error: (issue) =>
        `"${String(issue.input)}" is not a time zone we know; use a name like Europe/Berlin or America/New_York`,
    })
    // Store the canonical spelling ("america/new_york" → "America/New_York").
    .transform((name) => canonicalTimeZone(name)!)
    .default("UTC"),
  // Anki's "learn ahead limit": with nothing else left, learning cards due this soon are shown, and counted.
  learnAheadMinutes: wholeNumber(0, 1440, learnAheadMessage).default(20),
  leechThreshold: wholeNumber(1, 999, leechThresholdMessage).default(8),
  leechAction: z.enum(LEECH_ACTIONS, { error: leechActionMessage }).default("tag"),
  // Fitted by the optimizer (lib/memory-model), never typed into the settings form; empty means FSRS's defaults.
  fsrsParameters: z
    .array(z.number(), { error: "FSRS parameters must be a list of numbers" })
    .superRefine((values, ctx) => {
      const parsed = parseParameters(values);
      if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.error });
    })
    .default([]),
});

/** A learner's validated scheduling settings; steps are normalized text ("1m 10m"), as stored. */
export type Settings = z.output<typeof settingsSchema>;
export type SettingsInput = z.input<typeof settingsSchema>;
export type SettingsField = keyof Settings;
/** Field → first message; `form` when the input as a whole is unusable. */
export type SettingsErrors = Partial<Record<SettingsField | "form", string>>;

export const DEFAULT_SETTINGS: Settings = Object.freeze(settingsSchema.parse({}));

export type ParseSettingsResult = { ok: true; value: Settings } | { ok: false; errors: SettingsErrors };

/** Validates learner input; missing fields take their defaults, unknown fields are dropped. */
export function parseSettings(input: unknown): ParseSettingsResult {
  const result = settingsSchema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const errors: SettingsErrors = {};
  for (const issue of result.error.issues) {
    const head = issue.path[0];
    const field = typeof head === "string" && head in settingsSchema.shape ? (head as SettingsField) : "form";
    errors[field] ??= field === "form" ? "Settings must be an object of fields" : issue.message;
  }
  return { ok: false, errors };
}

/**
 * A stored settings row read back: fields that no longer pass validation (a row written before a bound existed, a
 * time zone this runtime does not know) take their defaults, and are reported so the learner can fix them.
 */
export function parseStoredSettings(row: Record<string, unknown>): { value: Settings; problems: SettingsErrors | null } {
  const parsed = parseSettings(row);
  if (parsed.ok) return { value: parsed.value, problems: null };
  const kept = Object.fromEntries(Object.entries(row).filter(([field]) => !(field in parsed.errors)));
  const repaired = parseSettings(kept);
  return { value: repaired.ok ? repaired.value : DEFAULT_SETTINGS, problems: parsed.errors };
}

function stepsOf(text: string): StepUnit[] {
  const parsed = parseSteps(text);
  if (!parsed.ok) throw new Error(`Settings were not validated with parseSettings: ${parsed.error}`);
  return parsed.steps;
}

/** A validated steps text ("1m 10m") → each step's length in minutes. */
export function stepsInMinutes(text: string): number[] {
  return stepsOf(text).map(stepMinutes);
}

/** The settings the learner edits in the form: all but the fitted FSRS parameters. */
export type FormSettings = Omit<Settings, "fsrsParameters">;

export function formSettings(settings: Settings): FormSettings {
  const copy: Partial<Settings> = { ...settings };
  delete copy.fsrsParameters;
  return copy as FormSettings;
}

/**
 * Relearning steps that end within a day (Anki's count for the optimizer): the short-term part of relearning that
 * FSRS's w17–w18 model, which bounds them.
 */
export function sameDayRelearningSteps(settings: Settings): number {
  let minutes = 0;
  let count = 0;
  for (const step of stepsInMinutes(settings.relearningSteps)) {
    minutes += step;
    if (minutes >= 1440) break;
    count++;
  }
  return count;
}

/** The ts-fsrs parameters for these settings (the learner's weights or FSRS's defaults; short-term steps always on). */
export function toFsrsParams(settings: Settings): FSRSParameters {
  return generatorParameters({
    w: settings.fsrsParameters.length > 0 ? settings.fsrsParameters : undefined,
    request_retention: settings.desiredRetention,
    maximum_interval: settings.maximumInterval,
    enable_fuzz: settings.enableFuzz,
    enable_short_term: true,
    learning_steps: stepsOf(settings.learningSteps),
    relearning_steps: stepsOf(settings.relearningSteps),
  });
}
