"use client";

import { useActionState, useSyncExternalStore } from "react";
import { Field, FormAlert, SubmitButton } from "@/app/_components/form";
import type { Settings } from "@/lib/srs/settings";
import { saveSettings, type SettingsState } from "./actions";

export function SettingsForm({ settings }: { settings: Settings }) {
  const [state, action, pending] = useActionState<SettingsState, FormData>(saveSettings, { ok: false, errors: {} });
  const browserZone = useSyncExternalStore(
    () => () => undefined,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    () => null,
  );
  const e = state.errors;

  return (
    <form action={action} className="space-y-5" noValidate>
      {Object.keys(e).length > 0 && <FormAlert>Nothing was saved. Fix the fields marked below.</FormAlert>}
      {state.ok && (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200">
          Saved. Your queue uses the new settings now.
        </p>
      )}
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 font-medium">Daily limits</legend>
        <Field label="New cards per day" name="newPerDay" type="number" inputMode="numeric" min={0} max={9999} defaultValue={settings.newPerDay} error={e.newPerDay} />
        <Field label="Maximum reviews per day" name="maxReviewsPerDay" type="number" inputMode="numeric" min={0} max={99999} defaultValue={settings.maxReviewsPerDay} error={e.maxReviewsPerDay} />
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 font-medium">Scheduling</legend>
        <Field
          label="Desired retention (%)"
          name="desiredRetention"
          type="number"
          inputMode="decimal"
          step="1"
          min={70}
          max={99}
          defaultValue={Math.round(settings.desiredRetention * 100)}
          hint="How likely you want to be to remember a card when it comes back: 70–99. Higher means more reviews."
          error={e.desiredRetention}
        />
        <Field label="Maximum interval (days)" name="maximumInterval" type="number" inputMode="numeric" min={1} max={36500} defaultValue={settings.maximumInterval} error={e.maximumInterval} />
        <Field label="Learning steps" name="learningSteps" defaultValue={settings.learningSteps} hint="Spaced by blanks, e.g. 1m 10m (m, h or d)." error={e.learningSteps} />
        <Field label="Relearning steps" name="relearningSteps" defaultValue={settings.relearningSteps} hint="After you forget a card, e.g. 10m." error={e.relearningSteps} />
        <div className="flex items-center gap-2 sm:col-span-2">
          <input id="enableFuzz" name="enableFuzz" type="checkbox" defaultChecked={settings.enableFuzz} className="size-4" />
          <label htmlFor="enableFuzz" className="text-sm font-medium">
            Fuzz intervals (spreads cards learned together over nearby days)
          </label>
        </div>
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 font-medium">Your day</legend>
        <Field label="Next day starts at (hour, 0–23)" name="rolloverHour" type="number" inputMode="numeric" min={0} max={23} defaultValue={settings.rolloverHour} error={e.rolloverHour} />
        <Field
          label="Time zone"
          name="timeZone"
          defaultValue={settings.timeZone}
          hint={browserZone && browserZone !== settings.timeZone ? `Your browser says ${browserZone}.` : "An IANA name, e.g. Europe/Berlin."}
          error={e.timeZone}
        />
      </fieldset>
      <div className="max-w-xs">
        <SubmitButton pending={pending}>{pending ? "Saving…" : "Save settings"}</SubmitButton>
      </div>
    </form>
  );
}
