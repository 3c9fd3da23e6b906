"use client";

import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ReviewQueue } from "@/lib/review/queue";

const RATINGS = [
  { rating: 1, label: "Again", key: "1", tone: "border-red-300 text-red-800 dark:border-red-800 dark:text-red-300" },
  { rating: 2, label: "Hard", key: "2", tone: "border-amber-300 text-amber-900 dark:border-amber-800 dark:text-amber-300" },
  { rating: 3, label: "Good", key: "3", tone: "border-emerald-300 text-emerald-900 dark:border-emerald-800 dark:text-emerald-300" },
  { rating: 4, label: "Easy", key: "4", tone: "border-sky-300 text-sky-900 dark:border-sky-800 dark:text-sky-300" },
] as const;

type ApiError = { error: { code: string; message: string } };
/** What the answer route says about the answered card when it became a leech. */
type Answered = { cardId: string; leech: { suspended: boolean } | null };
type Reply = { queue: ReviewQueue; answered?: Answered };

async function post(url: string, body: object): Promise<{ ok: true; data: Reply } | { ok: false; status: number; message: string }> {
  try {
    const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const data = (await response.json().catch(() => null)) as (Reply & Partial<ApiError>) | null;
    if (!response.ok || !data) {
      return { ok: false, status: response.status, message: data?.error?.message ?? `The server answered ${response.status}. Try again.` };
    }
    return { ok: true, data };
  } catch {
    return { ok: false, status: 0, message: "We could not reach the server. Your last answer was not saved; check your connection and try again." };
  }
}

function whenLabel(iso: string | null): string {
  if (!iso) return "No cards are scheduled. Add a deck to study from the Decks page.";
  const date = new Date(iso);
  const minutes = Math.round((date.getTime() - Date.now()) / 60_000);
  const time = date.toLocaleString(undefined, { weekday: "short", hour: "2-digit", minute: "2-digit" });
  if (minutes < 60) return `The next card is due in ${Math.max(1, minutes)} minute${minutes === 1 ? "" : "s"} (${time}).`;
  return `The next card is due ${time}.`;
}

/** Fields of the learner's stored settings that failed validation: their defaults apply until fixed. */
export type SettingsProblems = Array<{ field: string; message: string }>;

export function ReviewSession({ initial, settingsProblems = [] }: { initial: ReviewQueue; settingsProblems?: SettingsProblems }) {
  const [queue, setQueue] = useState(initial);
  // Revealed for one shown state (card and version): a new card or a changed one starts hidden again.
  const [revealedFor, setRevealedFor] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  // The card just answered became a leech: said once, with a link to its card info.
  const [leech, setLeech] = useState<{ cardId: string; suspended: boolean } | null>(null);
  const [canUndo, setCanUndo] = useState(initial.canUndo);
  const shownAt = useRef(0);
  const card = queue.card;
  const shownKey = card ? `${card.id}:${card.version}` : null;
  const revealed = shownKey !== null && revealedFor === shownKey;
  const reveal = useCallback(() => setRevealedFor(shownKey), [shownKey]);

  useEffect(() => {
    shownAt.current = performance.now();
  }, [shownKey]);

  const refresh = useCallback(async () => {
    const response = await fetch("/api/review/queue", { cache: "no-store" }).catch(() => null);
    if (response?.ok) setQueue((await response.json()) as ReviewQueue);
  }, []);

  const run = useCallback(
    async (url: string, body: object, after?: (ok: boolean) => void) => {
      if (pending) return;
      setPending(true);
      const result = await post(url, body);
      setPending(false);
      setLeech(null);
      if (result.ok) {
        setQueue(result.data.queue);
        setCanUndo(result.data.queue.canUndo);
        setStatus(null);
        const answered = result.data.answered;
        if (answered?.leech) setLeech({ cardId: answered.cardId, suspended: answered.leech.suspended });
        after?.(true);
      } else {
        setStatus(result.message);
        if (result.status === 409 || result.status === 404) await refresh();
        after?.(false);
      }
    },
    [pending, refresh],
  );

  const answer = useCallback(
    (rating: number) => {
      if (!card || !revealed) return;
      const durationMs = Math.round(performance.now() - shownAt.current);
      void run("/api/review/answer", { cardId: card.id, version: card.version, rating, durationMs });
    },
    [card, revealed, run],
  );

  const undo = useCallback(() => {
    void run("/api/review/undo", {}, (ok) => ok && setStatus("Undone: the card is back as it was."));
  }, [run]);

  const suspend = useCallback(() => {
    if (card) void run(`/api/review/cards/${card.id}/suspend`, { version: card.version, suspended: true }, (ok) => ok && setStatus("Card suspended. It will not be shown until you unsuspend it."));
  }, [card, run]);

  const reset = useCallback(() => {
    if (card && window.confirm("Reset this card? It becomes new again; its history is kept.")) {
      void run(`/api/review/cards/${card.id}/reset`, { version: card.version }, (ok) => ok && setStatus("Card reset: it is new again."));
    }
  }, [card, run]);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))) return;
      if (event.key === "z" && !event.altKey) {
        event.preventDefault();
        undo();
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === " " || event.key === "Enter") {
        // Buttons handle their own Enter/Space; elsewhere these reveal, then mean Good.
        if (target?.tagName === "BUTTON" || target?.tagName === "A") return;
        event.preventDefault();
        if (!revealed) reveal();
        else answer(3);
        return;
      }
      if (["1", "2", "3", "4"].includes(event.key) && revealed) {
        event.preventDefault();
        answer(Number(event.key));
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [answer, revealed, reveal, undo]);

  // Colour is not the only cue: each count carries its word, visible and read out.
  const counts = (
    <p className="flex gap-3 text-sm" data-testid="counts">
      <span className="sr-only">Cards left today: </span>
      <span className="text-sky-700 dark:text-sky-400">
        <span className="font-mono font-semibold" data-testid="count-new">{queue.counts.new}</span> new
      </span>
      <span className="text-red-700 dark:text-red-400">
        <span className="font-mono font-semibold" data-testid="count-learning">{queue.counts.learning}</span> learning
      </span>
      <span className="text-emerald-700 dark:text-emerald-400">
        <span className="font-mono font-semibold" data-testid="count-review">{queue.counts.review}</span> to review
      </span>
    </p>
  );

  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1">
        <h1 className="text-xl font-semibold">Review</h1>
        {counts}
      </div>
      {settingsProblems.length > 0 && (
        <div className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200" data-testid="settings-problems">
          <p>Some of your saved settings are not valid any more, so their defaults apply until you fix them:</p>
          <ul className="ml-5 list-disc">
            {settingsProblems.map((problem) => (
              <li key={problem.field}>{problem.message}</li>
            ))}
          </ul>
          <Link href="/settings" className="font-medium underline">
            Fix them in Settings
          </Link>
        </div>
      )}
      <p role="status" aria-live="polite" className="min-h-5 text-sm text-stone-700 dark:text-stone-300">
        {leech ? (
          <span data-testid="leech-notice">
            That card keeps being forgotten: it is now a leech{leech.suspended ? " and was suspended (your settings say so)" : ""}. Rewording or
            splitting its note usually helps more than more reviews.{" "}
            <Link href={`/review/cards/${leech.cardId}`} className="underline">
              Card info
            </Link>
          </span>
        ) : (
          status
        )}
      </p>

      {!card ? (
        <section className="space-y-4 rounded-xl border border-stone-200 bg-white p-6 text-center dark:border-stone-800 dark:bg-stone-900" data-testid="done">
          <h2 className="text-2xl font-semibold">Done for today</h2>
          <p className="text-stone-700 dark:text-stone-300">{whenLabel(queue.nextDueAt)}</p>
          <div className="flex justify-center gap-3 text-sm">
            {canUndo && (
              <button type="button" onClick={undo} className="rounded-md border border-stone-300 px-3 py-1.5 dark:border-stone-700">
                Undo last answer (z)
              </button>
            )}
            <Link href="/decks" className="underline">
              Browse the decks
            </Link>
          </div>
        </section>
      ) : (
        <section aria-labelledby="question" className="space-y-6 rounded-xl border border-stone-200 bg-white p-6 shadow-sm dark:border-stone-800 dark:bg-stone-900">
          <p className="flex flex-wrap items-center gap-2 text-sm text-stone-600 dark:text-stone-400">
            <span>
              {card.deck.title} · Q{card.noteNumber}
            </span>
            {card.leech && (
              <Link href={`/review/cards/${card.id}`} className="rounded bg-red-100 px-2 py-0.5 text-xs font-medium text-red-900 dark:bg-red-950 dark:text-red-200" data-testid="leech-badge">
                Leech
              </Link>
            )}
          </p>
          {card.reason && (
            <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200" data-testid="card-reason">
              {card.reason}
            </p>
          )}
          <h2 id="question" className="text-xl font-medium" data-testid="question">
            {card.question}
          </h2>
          {revealed ? (
            <>
              <hr className="border-stone-200 dark:border-stone-800" />
              <div className="prose-answer" data-testid="answer" dangerouslySetInnerHTML={{ __html: card.answerHtml }} />
            </>
          ) : (
            <button
              type="button"
              autoFocus
              onClick={reveal}
              className="w-full rounded-md bg-indigo-700 px-4 py-3 font-medium text-white hover:bg-indigo-800"
            >
              Show answer <kbd className="ml-2 text-xs opacity-80">Space</kbd>
            </button>
          )}
        </section>
      )}

      {card && revealed && (
        // Sticky: however long the answer, the ratings stay at the bottom of the screen.
        <div
          className="sticky bottom-0 z-10 -mx-4 grid grid-cols-4 gap-2 border-t border-stone-200 bg-stone-50/95 px-4 py-2 backdrop-blur sm:mx-0 sm:border-0 sm:bg-transparent sm:px-0 sm:backdrop-blur-none dark:border-stone-800 dark:bg-stone-950/95 sm:dark:bg-transparent"
          role="group"
          aria-label="How well did you remember?"
          data-testid="ratings"
        >
          {RATINGS.map(({ rating, label, key, tone }) => (
            <button
              key={rating}
              type="button"
              disabled={pending}
              onClick={() => answer(rating)}
              className={`min-h-11 rounded-md border-2 bg-white px-1 py-1.5 text-center font-medium disabled:opacity-60 sm:px-3 dark:bg-stone-900 ${tone}`}
              aria-keyshortcuts={key}
            >
              <span className="block text-xs font-normal" data-testid={`interval-${rating}`}>
                {card.intervals[rating]}
              </span>
              {label} <kbd className="hidden text-xs opacity-70 sm:inline">{key}</kbd>
            </button>
          ))}
        </div>
      )}

      {card && (
        <div className="flex flex-wrap items-center gap-x-4 text-sm text-stone-700 dark:text-stone-300">
          <button type="button" onClick={undo} disabled={pending || !canUndo} className="inline-flex min-h-11 items-center underline disabled:no-underline disabled:opacity-50" aria-keyshortcuts="z">
            Undo (z)
          </button>
          <button type="button" onClick={suspend} disabled={pending} className="inline-flex min-h-11 items-center underline">
            Suspend card
          </button>
          <button type="button" onClick={reset} disabled={pending} className="inline-flex min-h-11 items-center underline">
            Reset card
          </button>
          <Link href={`/review/cards/${card.id}`} className="inline-flex min-h-11 items-center underline">
            Card info
          </Link>
          <Link href="/settings" className="ml-auto inline-flex min-h-11 items-center underline">
            Settings
          </Link>
        </div>
      )}
    </div>
  );
}
