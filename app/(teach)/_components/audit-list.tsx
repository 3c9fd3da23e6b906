// The history of a class or track, newest first: who changed what, and when (in the class's time zone).
import type { AuditRecord } from "@/lib/teach/audit";
import { formatLocal } from "@/lib/teach/due";

const WHAT: Record<string, string> = {
  "class.create": "created the class",
  "class.update": "changed the class's settings",
  "class.rotate-code": "made a new join code",
  "class.delete": "deleted the class",
  "member.join": "joined",
  "member.leave": "left",
  "member.remove": "removed a learner",
  "instructor.add": "added a co-instructor",
  "instructor.remove": "removed a co-instructor",
  "deck.upload": "uploaded a deck",
  "track.create": "created a track",
  "track.update": "renamed a track",
  "track.delete": "deleted a track",
  "item.add": "added an item",
  "item.update": "changed an item",
  "item.remove": "removed an item",
  "item.move": "moved an item",
};

function describe(entry: AuditRecord, timeZone: string): string {
  const detail = entry.detail;
  if (entry.action === "item.update") {
    const before = detail.before as Record<string, unknown>;
    const after = detail.after as Record<string, unknown>;
    const show = (key: string, value: unknown) => (key === "dueAt" ? (value ? formatLocal(new Date(String(value)), timeZone) : "no due date") : Array.isArray(value) ? value.join(", ") || "all" : String(value));
    return Object.keys(after)
      .map((key) => `${key === "dueAt" ? "due" : key}: ${show(key, before[key])} → ${show(key, after[key])}`)
      .join("; ");
  }
  if (entry.action === "item.add") {
    const due = detail.dueAt ? `, due ${formatLocal(new Date(String(detail.dueAt)), timeZone)}` : "";
    return detail.kind === "review" ? `${String(detail.deck)}, goal ${String(detail.goal)}${due}` : `${String(detail.exercise)}, pass at ${String(detail.passPercent)} %${due}`;
  }
  if (entry.action === "deck.upload") return String(detail.file ?? "");
  if (entry.action === "track.create" || entry.action === "track.delete") return String(detail.title ?? "");
  return "";
}

export function AuditList({ entries, timeZone }: { entries: AuditRecord[]; timeZone: string }) {
  if (entries.length === 0) return <p className="text-sm text-stone-600 dark:text-stone-400">Nothing yet.</p>;
  return (
    <ol className="space-y-1 text-sm" aria-label="Changes, newest first">
      {entries.map((entry) => (
        <li key={entry.id} data-testid="audit-entry">
          <time dateTime={entry.createdAt.toISOString()} className="font-mono text-stone-600 dark:text-stone-400">
            {formatLocal(entry.createdAt, timeZone)}
          </time>{" "}
          <span className="font-medium">{entry.actor}</span> {WHAT[entry.action] ?? entry.action}
          {describe(entry, timeZone) && <span className="text-stone-700 dark:text-stone-300"> — {describe(entry, timeZone)}</span>}
        </li>
      ))}
    </ol>
  );
}
