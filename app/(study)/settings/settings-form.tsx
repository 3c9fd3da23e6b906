"use client";

import { useActionState, useSyncExternalStore } from "react";
import { Field, FormAlert, SubmitButton } from "@/app/_components/form";
import type { Settings, SettingsErrors } from "@/lib/srs/settings";
import { saveSettings, type SettingsState } from "./actions";

/** Fields as stored; one that failed validation holds its stored value (of any type) and has a message in `problems`. */
type ShownSettings = { [K in keyof Settings]: Settings[K] | unknown };

function text(value: unknown): string {
  return value === null || value === undefined ? "" : String(value);
}

/** The form's text for each field, from the settings as stored (retention as a percentage). */
function initialValues(settings: ShownSettings): Record<string, string> {
  const values = Object.fromEntries(Object.entries(settings).map(([field, value]) => [field, text(value)]));
  const retention = settings.desiredRetention;
  return { ...values, desiredRetention: typeof retention === "number" ? String(Math.round(retention * 100)) : text(retention), enableFuzz: settings.enableFuzz === false ? "" : "on" };
}

export function SettingsForm({ settings, problems }: { settings: ShownSettings; problems: SettingsErrors }) {
  const [state, action, pending] = useActionState<SettingsState, FormData>(saveSettings, { ok: false, errors: problems });
  const stored = Object.keys(problems).length > 0 && state.errors === problems;
  const v = state.values ?? initialValues(settings);
  const browserZone = useSyncExternalStore(
    () => () => undefined,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    () => null,
  );
  const e = state.errors;

  return (
    <form action={action} className="space-y-5" noValidate>
      {stored ? (
        <FormAlert>Some of your saved settings are not valid any more; their defaults apply until you fix the fields marked below and save.</FormAlert>
      ) : (
        Object.keys(e).length > 0 && <FormAlert>Nothing was saved. Fix the fields marked below.</FormAlert>
      )}
      {state.ok && (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200">
          Saved. Your queue uses the new settings now.
        </p>
      )}
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 font-medium">Daily limits</legend>
        <Field label="New cards per day" name="newPerDay" type="number" inputMode="numeric" min={0} max={9999} defaultValue={v.newPerDay} error={e.newPerDay} />
        <Field label="Maximum reviews per day" name="maxReviewsPerDay" type="number" inputMode="numeric" min={0} max={99999} defaultValue={v.maxReviewsPerDay} error={e.maxReviewsPerDay} />
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
          defaultValue={v.desiredRetention}
          hint="How likely you want to be to remember a card when it comes back: 70–99. Higher means more reviews."
          error={e.desiredRetention}
        />
        <Field label="Maximum interval (days)" name="maximumInterval" type="number" inputMode="numeric" min={1} max={36500} defaultValue={v.maximumInterval} error={e.maximumInterval} />
        <Field
          label="Learning steps"
          name="learningSteps"
          defaultValue={v.learningSteps}
          hint="Spaced by blanks, e.g. 1m 10m or 10m 1d (m, h or d; a day step brings the card back the next day)."
          error={e.learningSteps}
        />
        <Field label="Relearning steps" name="relearningSteps" defaultValue={v.relearningSteps} hint="After you forget a card, e.g. 10m." error={e.relearningSteps} />
        <Field
          label="Learn ahead (minutes)"
          name="learnAheadMinutes"
          type="number"
          inputMode="numeric"
          min={0}
          max={1440}
          defaultValue={v.learnAheadMinutes}
          hint="When nothing else is left, cards in learning due this soon are shown early (and counted)."
          error={e.learnAheadMinutes}
        />
        <div className="flex items-center gap-2 sm:col-span-2">
          <input id="enableFuzz" name="enableFuzz" type="checkbox" defaultChecked={v.enableFuzz === "on"} className="size-4" />
          <label htmlFor="enableFuzz" className="text-sm font-medium">
            Fuzz intervals (spreads cards learned together over nearby days)
          </label>
        </div>
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 font-medium">Leeches (cards you keep forgetting)</legend>
        <Field
          label="Leech after (lapses)"
          name="leechThreshold"
          type="number"
          inputMode="numeric"
          min={1}
          max={999}
          defaultValue={v.leechThreshold}
          hint="A card forgotten this many times is marked a leech."
          error={e.leechThreshold}
        />
        <fieldset className="space-y-1" aria-describedby={e.leechAction ? "leechAction-error" : undefined}>
          <legend className="text-sm font-medium">When a card becomes a leech</legend>
          {(
            [
              ["tag", "Mark it, keep reviewing it"],
              ["suspend", "Mark it and suspend it"],
            ] as const
          ).map(([value, label]) => (
            <div key={value} className="flex items-center gap-2">
              <input id={`leechAction-${value}`} type="radio" name="leechAction" value={value} defaultChecked={v.leechAction === value} className="size-4" />
              <label htmlFor={`leechAction-${value}`} className="text-sm">
                {label}
              </label>
            </div>
          ))}
          {e.leechAction && (
            <p id="leechAction-error" className="text-sm text-red-700 dark:text-red-400">
              {e.leechAction}
            </p>
          )}
        </fieldset>
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 font-medium">Your day</legend>
        <Field label="Next day starts at (hour, 0–23)" name="rolloverHour" type="number" inputMode="numeric" min={0} max={23} defaultValue={v.rolloverHour} error={e.rolloverHour} />
        <Field
          label="Time zone"
          name="timeZone"
          defaultValue={v.timeZone}
          hint={browserZone && browserZone !== v.timeZone ? `Your browser says ${browserZone}.` : "An IANA name, e.g. Europe/Berlin."}
          error={e.timeZone}
        />
      </fieldset>
      <div className="max-w-xs">
        <SubmitButton pending={pending}>{pending ? "Saving…" : "Save settings"}</SubmitButton>
      </div>
    </form>
  );
}
