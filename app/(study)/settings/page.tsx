import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { loadMemoryModel } from "@/lib/memory-model/model";
import { readReviewSettings } from "@/lib/review/settings";
import { MemoryModelPanel } from "./memory-model-panel";
import { SettingsForm } from "./settings-form";

export const metadata: Metadata = { title: "Review settings" };

export default async function SettingsPage() {
  const user = await requireUser("/settings");
  const [{ settings, problems, stored }, memoryModel] = await Promise.all([readReviewSettings(getDb(), user.id), loadMemoryModel(getDb(), user.id)]);
  // A stored field that fails validation is shown as stored, with its message, so the learner can fix it.
  const shown = { ...settings, ...Object.fromEntries(Object.keys(problems ?? {}).map((field) => [field, stored?.[field]])) };
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-2xl font-semibold">Review settings</h1>
      {/* Keyed by the retention, so a retention chosen in the helper below shows in the form. */}
      <SettingsForm key={settings.desiredRetention} settings={shown} problems={problems ?? {}} />
      <MemoryModelPanel initial={memoryModel} desiredRetention={settings.desiredRetention} />
    </div>
  );
}
