import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getReviewSettings } from "@/lib/review/settings";
import { SettingsForm } from "./settings-form";

export const metadata: Metadata = { title: "Review settings" };

export default async function SettingsPage() {
  const user = await requireUser("/settings");
  const settings = await getReviewSettings(getDb(), user.id);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-2xl font-semibold">Review settings</h1>
      <SettingsForm settings={settings} />
    </div>
  );
}
