import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { listAudit } from "@/lib/teach/audit";
import { formatDue, toLocalInput } from "@/lib/teach/due";
import { getTrackEditor } from "@/lib/teach/tracks";
import { ApiButton } from "../../../../../_components/api-button";
import { AuditList } from "../../../../../_components/audit-list";
import { loadOrRefuse } from "../../../../../_components/guard";
import { TeachBreadcrumb, classTrail, Section } from "../../../../../_components/ui";
import { AddItemForm, ItemSettingsForm, TrackTitleForm } from "./forms";

export const metadata: Metadata = { title: "Track" };

type Props = { params: Promise<{ classId: string; trackId: string }> };

export default async function TrackPage({ params }: Props) {
  const { classId, trackId } = await params;
  const user = await requireUser(`/teach/classes/${classId}/tracks/${trackId}`);
  const db = getDb();
  const loaded = await loadOrRefuse(getTrackEditor(db, user, trackId));
  if (!loaded.ok) return loaded.page;
  const { access, track, decks, exercises } = loaded.value;
  if (track.classId !== classId) notFound();
  const tz = access.timeZone;
  const audit = await listAudit(db, classId, { trackId, limit: 50 });

  return (
    <div className="space-y-6">
      <TeachBreadcrumb trail={classTrail(classId, access.className)} />
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">{track.title}</h1>
        <TrackTitleForm trackId={trackId} title={track.title} description={track.description} />
      </header>

      <Section title="Items" id="items">
        {track.items.length === 0 ? (
          <p className="text-sm text-stone-700 dark:text-stone-300">No items yet. Add a deck to study or an exercise to pass below.</p>
        ) : (
          <ol className="divide-y divide-stone-200 dark:divide-stone-800" aria-label="Track items">
            {track.items.map((item, index) => (
              <li key={item.id} className="space-y-2 py-3" data-testid="track-item">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <div>
                    <span className="mr-2 font-mono text-sm text-stone-500 dark:text-stone-400">{index + 1}.</span>
                    <span className="mr-2 rounded bg-stone-100 px-1.5 py-0.5 text-xs uppercase tracking-wide text-stone-700 dark:bg-stone-800 dark:text-stone-300">
                      {item.kind === "review" ? "study" : "lab"}
                    </span>
                    <Link href={item.href} className="font-medium underline">
                      {item.title}
                    </Link>
                    <span className="ml-2 text-sm text-stone-600 dark:text-stone-400">
                      {item.kind === "review" ? `goal: ${item.goal}` : `pass at ${item.passPercent ?? 100} % of the points`}
                      {item.dueAt ? ` · due ${formatDue(item.dueAt, tz)}` : " · no due date"}
                    </span>
                  </div>
                  <div className="flex items-center gap-1">
                    {index > 0 && (
                      <ApiButton method="POST" url={`/api/teach/items/${item.id}/move`} body={{ direction: "up" }} variant="small" label={`Move ${item.title} up`}>
                        ↑
                      </ApiButton>
                    )}
                    {index < track.items.length - 1 && (
                      <ApiButton method="POST" url={`/api/teach/items/${item.id}/move`} body={{ direction: "down" }} variant="small" label={`Move ${item.title} down`}>
                        ↓
                      </ApiButton>
                    )}
                    <ApiButton method="DELETE" url={`/api/teach/items/${item.id}`} variant="small" confirm={`Remove “${item.title}” from ${track.title}? What learners did for it stays theirs.`} label={`Remove ${item.title}`}>
                      Remove
                    </ApiButton>
                  </div>
                </div>
                <ItemSettingsForm item={{ id: item.id, kind: item.kind, goal: item.goal, passPercent: item.passPercent, due: item.dueAt ? toLocalInput(item.dueAt, tz) : "", title: item.title }} timeZone={tz} />
              </li>
            ))}
          </ol>
        )}
      </Section>

      <Section title="Add an item" id="add-item">
        <AddItemForm
          trackId={trackId}
          timeZone={tz}
          decks={decks.map((deck) => ({ id: deck.id, title: deck.title, classDeck: deck.classId !== null, notes: deck.notes }))}
          exercises={exercises}
        />
      </Section>

      <Section title="History" id="history">
        <AuditList entries={audit} timeZone={tz} />
      </Section>

      <div>
        <ApiButton
          method="DELETE"
          url={`/api/teach/tracks/${trackId}`}
          variant="danger"
          redirectTo={`/teach/classes/${classId}`}
          confirm={`Delete the track “${track.title}”? It leaves the gradebook and learners' tracks; their cards, history and submissions are kept.`}
        >
          Delete this track
        </ApiButton>
      </div>
    </div>
  );
}
