import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { readReviewSettings } from "@/lib/review/settings";
import { SettingsForm } from "./settings-form";

export const metadata: Metadata = { title: "Review settings" };

export default async function SettingsPage() {
  const user = await requireUser("/settings");
  const { settings, problems, stored } = await readReviewSettings(getDb(), user.id);
  // A stored field that fails validation is shown as stored, with its message, so the learner can fix it.
  const shown = { ...settings, ...Object.fromEntries(Object.keys(problems ?? {}).map((field) => [field, stored?.[field]])) };
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-2xl font-semibold">Review settings</h1>
      <SettingsForm settings={shown} problems={problems ?? {}} />
    </div>
  );
}
