// The class's time zone: due dates are entered and shown in it.
import { inputClass } from "./ui";

export function TimeZoneField({ defaultValue, timeZones, error }: { defaultValue: string; timeZones: string[]; error?: string }) {
  const zones = timeZones.includes(defaultValue) ? timeZones : [defaultValue, ...timeZones];
  return (
    <div className="space-y-1">
      <label htmlFor="timeZone" className="block text-sm font-medium">
        Time zone
      </label>
      <select id="timeZone" name="timeZone" defaultValue={defaultValue} aria-describedby="timeZone-hint" aria-invalid={error ? true : undefined} className={inputClass}>
        {zones.map((zone) => (
          <option key={zone} value={zone}>
            {zone}
          </option>
        ))}
      </select>
      <p id="timeZone-hint" className="text-sm text-stone-600 dark:text-stone-400">
        {error ?? "Due dates are entered and shown in this zone."}
      </p>
    </div>
  );
}
