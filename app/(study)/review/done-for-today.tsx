import Link from "next/link";

function whenLabel(iso: string | null): string {
  if (!iso) return "No cards are scheduled. Add a deck to study from the Decks page.";
  const date = new Date(iso);
  const minutes = Math.round((date.getTime() - Date.now()) / 60_000);
  const time = date.toLocaleString(undefined, { weekday: "short", hour: "2-digit", minute: "2-digit" });
  if (minutes < 60) return `The next card is due in ${Math.max(1, minutes)} minute${minutes === 1 ? "" : "s"} (${time}).`;
  return `The next card is due ${time}.`;
}

/** No card left today: when the next one is due, and the last answer can still be undone. */
export function DoneForToday({ nextDueAt, canUndo, onUndo }: { nextDueAt: string | null; canUndo: boolean; onUndo: () => void }) {
  return (
    <section className="space-y-4 rounded-xl border border-stone-200 bg-white p-6 text-center dark:border-stone-800 dark:bg-stone-900" data-testid="done">
      <h2 className="text-2xl font-semibold">Done for today</h2>
      <p className="text-stone-700 dark:text-stone-300">{whenLabel(nextDueAt)}</p>
      <div className="flex justify-center gap-3 text-sm">
        {canUndo && (
          <button type="button" onClick={onUndo} className="rounded-md border border-stone-300 px-3 py-1.5 dark:border-stone-700">
            Undo last answer (z)
          </button>
        )}
        <Link href="/decks" className="underline">
          Browse the decks
        </Link>
      </div>
    </section>
  );
}
