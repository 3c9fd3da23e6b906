"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { saveReviewSettings } from "@/lib/review/settings";
import type { SettingsErrors } from "@/lib/srs/settings";

/** `values`: the fields as submitted, so the form shows what was typed (React resets a form after its action). */
export type SettingsState = { ok: boolean; errors: SettingsErrors; savedAt?: number; values?: Record<string, string> };

const FIELDS = ["desiredRetention", "newPerDay", "maxReviewsPerDay", "learningSteps", "relearningSteps", "maximumInterval", "enableFuzz", "rolloverHour", "timeZone", "learnAheadMinutes", "leechThreshold", "leechAction"];

function number(form: FormData, name: string): number | undefined {
  const raw = String(form.get(name) ?? "").trim();
  return raw === "" ? undefined : Number(raw);
}

export async function saveSettings(_previous: SettingsState, form: FormData): Promise<SettingsState> {
  const user = await requireUser("/settings");
  const retentionPercent = number(form, "desiredRetention");
  const result = await saveReviewSettings(getDb(), user.id, {
    desiredRetention: retentionPercent === undefined ? undefined : Math.round(retentionPercent * 100) / 10_000,
    newPerDay: number(form, "newPerDay"),
    maxReviewsPerDay: number(form, "maxReviewsPerDay"),
    learningSteps: String(form.get("learningSteps") ?? ""),
    relearningSteps: String(form.get("relearningSteps") ?? ""),
    maximumInterval: number(form, "maximumInterval"),
    enableFuzz: form.get("enableFuzz") === "on",
    rolloverHour: number(form, "rolloverHour"),
    timeZone: String(form.get("timeZone") ?? ""),
    learnAheadMinutes: number(form, "learnAheadMinutes"),
    leechThreshold: number(form, "leechThreshold"),
    leechAction: String(form.get("leechAction") ?? ""),
  });
  const values = Object.fromEntries(FIELDS.map((field) => [field, String(form.get(field) ?? "")]));
  if (!result.ok) {
    // The form asks for a percentage; the domain's message speaks of fractions.
    const errors = result.errors.desiredRetention ? { ...result.errors, desiredRetention: "Desired retention must be between 70 and 99 (%)." } : result.errors;
    return { ok: false, errors, values };
  }
  revalidatePath("/review");
  return { ok: true, errors: {}, savedAt: Date.now(), values };
}
