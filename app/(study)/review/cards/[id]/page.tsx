import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Breadcrumb } from "@/app/_components/breadcrumb";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { loadCardInfo, type CardHistoryEntry } from "@/lib/review/card-info";
import { getReviewSettings } from "@/lib/review/settings";
import { isRating } from "@/lib/srs/types";
import { NoteTitle } from "../../../_components/note-title";
import { ratingName } from "../../ratings";
import { UnsuspendButton } from "./unsuspend-button";

export const metadata: Metadata = { title: "Card info" };

type Props = { params: Promise<{ id: string }> };

const STATES = ["New", "Learning", "Review", "Relearning"];

function percent(value: number | null): string {
  return value === null ? "—" : `${(value * 100).toFixed(value > 0.995 && value < 1 ? 1 : 0)} %`;
}

function event(entry: CardHistoryEntry): string {
  if (entry.kind === "RESET") return "Reset";
  if (entry.kind === "LAB") return "Back from the lab";
  if (entry.kind === "RESCHEDULE") return "Rescheduled (new FSRS parameters)";
  return isRating(entry.rating) ? ratingName(entry.rating) : "Answer";
}

export default async function CardInfoPage({ params }: Props) {
  const { id } = await params;
  const user = await requireUser(`/review/cards/${encodeURIComponent(id)}`);
  const db = getDb();
  const settings = await getReviewSettings(db, user.id);
  const card = id.length <= 64 ? await loadCardInfo(db, user.id, id, settings) : null;
  if (!card) notFound();
  const when = new Intl.DateTimeFormat("en", { timeZone: settings.timeZone, dateStyle: "medium", timeStyle: "short" });
  const facts: Array<[string, string]> = [
    ["State", STATES[card.state] ?? String(card.state)],
    ["Due", card.state === 0 ? "New: not studied yet" : when.format(card.due)],
    ["Recall now", percent(card.retrievability)],
    ["Stability", card.state === 0 ? "—" : `${card.stability.toFixed(card.stability < 10 ? 2 : 1)} days`],
    ["Difficulty", card.state === 0 ? "—" : `${card.difficulty.toFixed(1)} / 10`],
    ["Answers", String(card.reps)],
    ["Lapses", String(card.lapses)],
    ["Last answered", card.lastReview ? when.format(card.lastReview) : "—"],
  ];

  return (
    <article className="space-y-6">
      <Breadcrumb
        trail={[
          { href: "/review", label: "Review" },
          { href: `/decks/${card.deck.slug}`, label: card.deck.title },
        ]}
      />
      <header className="space-y-2">
        <NoteTitle number={card.noteNumber} question={card.question} />
        {card.cloze !== null && <p className="text-sm text-stone-600 dark:text-stone-400">The card of cloze deletion c{card.cloze}</p>}
        <p className="flex flex-wrap gap-2 text-sm">
          {card.leech && (
            <span className="rounded bg-red-100 px-2 py-0.5 font-medium text-red-900 dark:bg-red-950 dark:text-red-200" data-testid="leech">
              Leech: forgotten {card.lapses} times. Rewording the note or splitting it usually helps more than more reviews.
            </span>
          )}
          {card.suspended && <span className="rounded bg-stone-200 px-2 py-0.5 dark:bg-stone-800">Suspended: not in your reviews</span>}
          {card.labReason && <span className="rounded bg-amber-50 px-2 py-0.5 text-amber-900 dark:bg-amber-950 dark:text-amber-200">{card.labReason}</span>}
        </p>
        {card.suspended && <UnsuspendButton cardId={card.id} version={card.version} />}
      </header>

      <dl className="grid grid-cols-2 gap-x-6 gap-y-3 rounded-xl border border-stone-200 bg-white p-5 text-sm sm:grid-cols-4 dark:border-stone-800 dark:bg-stone-900">
        {facts.map(([term, value]) => (
          <div key={term}>
            <dt className="text-stone-600 dark:text-stone-400">{term}</dt>
            <dd className="font-medium" data-testid={`fact-${term.toLowerCase().replace(/\s+/g, "-")}`}>
              {value}
            </dd>
          </div>
        ))}
      </dl>

      <section aria-labelledby="history" className="space-y-2">
        <h2 id="history" className="text-lg font-medium">
          History
        </h2>
        {card.history.length === 0 ? (
          <p className="text-sm text-stone-700 dark:text-stone-300">Not answered yet.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="history">
              <caption className="sr-only">Every answer, reset and lab reschedule of this card, oldest first</caption>
              <thead className="text-stone-600 dark:text-stone-400">
                <tr>
                  <th scope="col" className="py-1 pr-4 font-normal">When</th>
                  <th scope="col" className="py-1 pr-4 font-normal">Event</th>
                  <th scope="col" className="py-1 pr-4 font-normal">Was</th>
                  <th scope="col" className="py-1 pr-4 text-right font-normal">Days since last</th>
                  <th scope="col" className="py-1 pr-4 text-right font-normal">Recall then</th>
                  <th scope="col" className="py-1 pr-4 text-right font-normal">Stability after</th>
                  <th scope="col" className="py-1 text-right font-normal">Time</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-200 dark:divide-stone-800">
                {card.history.map((entry) => (
                  <tr key={entry.id}>
                    <td className="py-1.5 pr-4 whitespace-nowrap">{when.format(entry.review)}</td>
                    <td className="py-1.5 pr-4" title={entry.reason ?? undefined}>
                      {event(entry)}
                    </td>
                    <td className="py-1.5 pr-4">{STATES[entry.state]}</td>
                    <td className="py-1.5 pr-4 text-right font-mono">{entry.kind === "RATING" ? entry.elapsedDays : ""}</td>
                    <td className="py-1.5 pr-4 text-right font-mono">{entry.kind === "RATING" ? percent(entry.recallAtReview) : ""}</td>
                    <td className="py-1.5 pr-4 text-right font-mono">{entry.stability > 0 ? `${entry.stability.toFixed(entry.stability < 10 ? 2 : 1)}d` : "—"}</td>
                    <td className="py-1.5 text-right font-mono">{entry.kind === "RATING" ? `${Math.round(entry.durationMs / 1000)}s` : ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <p className="text-sm">
        <Link href={`/decks/${card.deck.slug}/notes/${card.noteNumber}`} className="underline">
          Read the note
        </Link>
      </p>
    </article>
  );
}
