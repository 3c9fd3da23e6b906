import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { formatDue } from "@/lib/teach/due";
import { percent } from "@/lib/teach/gradebook";
import { myTracks, type ItemProgress } from "@/lib/teach/learners";
import { ApiButton } from "../_components/api-button";
import { StatusBadge } from "../_components/ui";
import { JoinForm } from "./join-form";

export const metadata: Metadata = { title: "My tracks" };

function progressText({ item, cell }: ItemProgress): string {
  if (cell.kind === "review") {
    const done = item.goal === "mastered" ? cell.mastered : cell.studied;
    return `${done} of ${cell.total} cards ${item.goal}${cell.reviews ? ` · recall ${percent(cell.remembered, cell.reviews)}% over ${cell.reviews} answers` : ""}`;
  }
  if (cell.attempts === 0) return `not submitted yet · pass at ${item.passPercent ?? 100} %`;
  return `best ${cell.bestPoints}/${cell.bestMaxPoints} · ${cell.attempts} ${cell.attempts === 1 ? "submission" : "submissions"}${cell.firstPassedAt ? " · passed" : ` · pass at ${item.passPercent ?? 100} %`}`;
}

function ItemLine({ entry, timeZone, highlight }: { entry: ItemProgress; timeZone: string; highlight?: string }) {
  const { item, status } = entry;
  return (
    <li className="flex flex-col gap-0.5 py-2 sm:flex-row sm:items-baseline sm:justify-between sm:gap-3" data-testid="my-item" data-status={status}>
      <div className="min-w-0">
        {highlight && <span className="mr-1.5 text-xs font-medium uppercase tracking-wide text-indigo-700 dark:text-indigo-300">{highlight}</span>}
        <Link href={item.kind === "review" ? "/review" : item.href} className="font-medium underline">
          {item.kind === "review" ? `Study ${item.title}` : item.title}
        </Link>
        <p className="text-sm text-stone-600 dark:text-stone-400">{progressText(entry)}</p>
      </div>
      <div className="flex shrink-0 items-center gap-2 text-sm">
        {item.dueAt && <span className="text-stone-700 dark:text-stone-300">due {formatDue(item.dueAt, timeZone)}</span>}
        <StatusBadge status={status} />
      </div>
    </li>
  );
}

export default async function MyTracksPage() {
  const user = await requireUser("/tracks");
  const classes = await myTracks(getDb(), user);
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">My tracks</h1>
        <p className="text-stone-700 dark:text-stone-300">What your instructors assigned: decks to study (their cards are in your daily review, the soonest due first) and exercises to pass.</p>
      </header>
      {classes.length === 0 && <p className="text-stone-700 dark:text-stone-300">You are not in a class yet. Join one with the code your instructor gave you.</p>}
      {classes.map((klass) => (
        <section key={klass.id} aria-labelledby={`class-${klass.id}`} className="space-y-4 rounded-xl border border-stone-200 bg-white p-4 sm:p-5 dark:border-stone-800 dark:bg-stone-900" data-testid="my-class">
          <div>
            <h2 id={`class-${klass.id}`} className="text-xl font-medium">
              {klass.name}
            </h2>
            {klass.description && <p className="text-sm text-stone-700 dark:text-stone-300">{klass.description}</p>}
            <p className="text-xs text-stone-600 dark:text-stone-400">Times in {klass.timeZone}</p>
          </div>
          {(klass.late.length > 0 || klass.dueSoon.length > 0 || klass.next) && (
            <ul className="divide-y divide-stone-200 rounded-lg bg-stone-50 px-3 dark:divide-stone-800 dark:bg-stone-950" aria-label={`What matters now in ${klass.name}`}>
              {klass.late.map((entry) => (
                <ItemLine key={`late-${entry.item.id}`} entry={entry} timeZone={klass.timeZone} highlight="Late" />
              ))}
              {klass.dueSoon.map((entry) => (
                <ItemLine key={`soon-${entry.item.id}`} entry={entry} timeZone={klass.timeZone} highlight="Due soon" />
              ))}
              {klass.next && !klass.late.includes(klass.next) && !klass.dueSoon.includes(klass.next) && <ItemLine entry={klass.next} timeZone={klass.timeZone} highlight="Next" />}
            </ul>
          )}
          {klass.notStudied.length > 0 && (
            <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200">
              You stopped studying {klass.notStudied.length === 1 ? "a deck" : "decks"} of this class, so {klass.notStudied.length === 1 ? "its" : "their"} cards are not in
              your review. Open the deck and choose “Study this deck” to bring them back.
            </p>
          )}
          {klass.tracks.map((track) => (
            <div key={track.id}>
              <h3 className="font-medium">{track.title}</h3>
              {track.items.length === 0 ? (
                <p className="text-sm text-stone-600 dark:text-stone-400">Nothing assigned yet.</p>
              ) : (
                <ol className="divide-y divide-stone-200 dark:divide-stone-800">
                  {track.items.map((entry) => (
                    <ItemLine key={entry.item.id} entry={entry} timeZone={klass.timeZone} />
                  ))}
                </ol>
              )}
            </div>
          ))}
          {klass.decks.length > 0 && (
            <p className="text-sm">
              Class decks:{" "}
              {klass.decks.map((deck, index) => (
                <span key={deck.id}>
                  {index > 0 && ", "}
                  <Link href={`/decks/${deck.slug}`} className="underline">
                    {deck.title}
                  </Link>
                </span>
              ))}
            </p>
          )}
          <ApiButton method="POST" url={`/api/teach/classes/${klass.id}/leave`} variant="quiet" confirm={`Leave ${klass.name}? Your cards and history stay yours; you can join again with the code.`}>
            Leave this class
          </ApiButton>
        </section>
      ))}
      <section aria-labelledby="join" className="max-w-md space-y-2">
        <h2 id="join" className="text-lg font-medium">
          Join a class
        </h2>
        <JoinForm />
      </section>
    </div>
  );
}
