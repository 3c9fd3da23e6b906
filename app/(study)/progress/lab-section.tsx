// Lab: what the learner attempted and passed (server grades only), and the notes lab misses sent back to review.
import Link from "next/link";
import type { Progress } from "@/lib/progress";
import { formatCount } from "@/lib/progress/format";
import { ScrollBox } from "./scroll-box";

const STATUS: Record<string, string> = { pass: "Passed", fail: "Failed", error: "Could not run" };

export function LabSection({ progress, formatTime }: { progress: Progress; formatTime: (date: Date) => string }) {
  const { lab, deck } = progress;
  const total = lab.exercises.length;
  return (
    <section aria-labelledby="lab" className="space-y-6">
      <h2 id="lab" className="text-xl font-semibold">
        Lab
      </h2>
      {total === 0 ? (
        <p className="text-stone-700 dark:text-stone-300">No lab exercise practises the notes of {deck ? deck.title : "your decks"}.</p>
      ) : (
        <>
          <p className="text-stone-700 dark:text-stone-300" data-testid="lab-summary">
            {lab.attempted} of {total} exercises attempted, {lab.passed} passed. Scores are the server&apos;s grades of your submissions, hidden tests included.
          </p>
          <ScrollBox label="Your lab exercises (scrolls sideways)">
            <table className="w-full min-w-[36rem] text-left text-sm tabular-nums">
              <caption className="sr-only">Your lab exercises</caption>
              <thead>
                <tr className="border-b border-stone-300 dark:border-stone-700">
                  <th scope="col" className="py-2 pr-3 font-medium">
                    Exercise
                  </th>
                  <th scope="col" className="py-2 pr-3 text-right font-medium">
                    Submissions
                  </th>
                  <th scope="col" className="py-2 pr-3 text-right font-medium">
                    Best score
                  </th>
                  <th scope="col" className="py-2 pr-3 font-medium">
                    First pass
                  </th>
                  <th scope="col" className="py-2 font-medium">
                    Last submission
                  </th>
                </tr>
              </thead>
              <tbody>
                {lab.exercises.map((e) => (
                  <tr key={e.id} className="border-b border-stone-200 dark:border-stone-800">
                    <th scope="row" className="py-2 pr-3 font-normal">
                      <Link href={`/lab/${e.id}`} className="underline-offset-2 hover:underline">
                        {e.title}
                      </Link>
                    </th>
                    <td className="py-2 pr-3 text-right">{formatCount(e.attempts)}</td>
                    <td className="py-2 pr-3 text-right">{e.best ? `${formatCount(e.best.points)} / ${formatCount(e.best.maxPoints)}` : "—"}</td>
                    <td className="py-2 pr-3">
                      {e.passed ? (
                        <>
                          <span className="text-emerald-800 dark:text-emerald-300">On attempt {e.attemptsBeforePass + 1}</span>
                          <span className="block text-xs text-stone-600 dark:text-stone-400">{formatTime(e.firstPassAt!)}</span>
                        </>
                      ) : e.attempts > 0 ? (
                        `Not yet (${formatCount(e.attemptsBeforePass)} tried)`
                      ) : (
                        "Not started"
                      )}
                    </td>
                    <td className="py-2">
                      {e.last ? (
                        <>
                          {STATUS[e.last.status] ?? e.last.status}
                          <span className="block text-xs text-stone-600 dark:text-stone-400">{formatTime(e.last.at)}</span>
                        </>
                      ) : (
                        "—"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
        </>
      )}
      <div className="space-y-2">
        <h3 className="font-medium">Notes sent back to review by lab misses</h3>
        {lab.misses.length === 0 ? (
          <p className="text-sm text-stone-600 dark:text-stone-400">None: a failed submission brings the notes its exercise practises back to your review, and they would be listed here.</p>
        ) : (
          <>
            {lab.missedNotes > lab.misses.length && (
              <p className="text-sm text-stone-600 dark:text-stone-400">
                The {lab.misses.length} most recent of {formatCount(lab.missedNotes)} notes.
              </p>
            )}
            <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white text-sm dark:divide-stone-800 dark:border-stone-800 dark:bg-stone-900" data-testid="lab-misses">
              {lab.misses.map((m) => (
                <li key={`${m.deckSlug}#${m.number}`} className="px-4 py-3">
                  <Link href={`/decks/${m.deckSlug}/notes/${m.number}`} className="font-medium underline-offset-2 hover:underline">
                    {m.deckTitle} · Q{m.number}. {m.question}
                  </Link>
                  <p className="text-stone-600 dark:text-stone-400">
                    Sent back {m.times === 1 ? "once" : `${m.times} times`}, last {formatTime(m.lastAt)} · {m.reviewedSince ? "reviewed since" : "not reviewed since"}
                  </p>
                  {m.reason && <p className="text-stone-600 dark:text-stone-400">{m.reason}</p>}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}
