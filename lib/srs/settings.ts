import { generatorParameters, type FSRSParameters, type StepUnit } from "ts-fsrs";
import { z } from "zod";

/** One (re)learning step: a whole number and a unit, as ts-fsrs reads it (`1m`, `10m`, `1h`, `1d`). */
const STEP = /^([1-9]\d*)([mhd])$/;

export type ParseStepsResult = { ok: true; steps: StepUnit[] } | { ok: false; error: string };

/** "1m 10m" → ["1m", "10m"]; empty text means no steps. */
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
    steps.push(token as StepUnit);
  }
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

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const retentionMessage = "Desired retention must be between 0.70 and 0.99";
const newPerDayMessage = "New cards per day must be a whole number from 0 to 9999";
const maxReviewsMessage = "Maximum reviews per day must be a whole number from 0 to 99999";
const maximumIntervalMessage = "Maximum interval must be a whole number of days from 1 to 36500";
const rolloverMessage = "The hour a new day starts must be a whole number from 0 to 23";

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
    .refine(isTimeZone, {
      error: (issue) =>
        `"${String(issue.input)}" is not a time zone we know; use a name like Europe/Berlin or America/New_York`,
    })
    // Store the canonical spelling ("america/new_york" → "America/New_York").
    .transform((name) => new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone)
    .default("UTC"),
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

function stepsOf(text: string): StepUnit[] {
  const parsed = parseSteps(text);
  if (!parsed.ok) throw new Error(`Settings were not validated with parseSettings: ${parsed.error}`);
  return parsed.steps;
}

/** The ts-fsrs parameters for these settings (default weights; short-term steps always on). */
export function toFsrsParams(settings: Settings): FSRSParameters {
  return generatorParameters({
    request_retention: settings.desiredRetention,
    maximum_interval: settings.maximumInterval,
    enable_fuzz: settings.enableFuzz,
    enable_short_term: true,
    learning_steps: stepsOf(settings.learningSteps),
    relearning_steps: stepsOf(settings.relearningSteps),
  });
}
