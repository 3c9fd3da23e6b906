import Link from "next/link";
import type { ReviewQueue } from "@/lib/review/queue";

type Card = NonNullable<ReviewQueue["card"]>;

/** The card being reviewed: its question, then its answer once revealed (the reveal button takes the focus). */
export function ShownCard({ card, revealed, onReveal }: { card: Card; revealed: boolean; onReveal: () => void }) {
  return (
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
      {/* A cloze card's revealed side is its whole text again, the deletion filled in: it takes the question's place. */}
      {!(revealed && card.kind === "cloze") &&
        (card.questionHtml === null ? (
          <h2 id="question" className="text-xl font-medium" data-testid="question">
            {card.question}
          </h2>
        ) : (
          // Rendered from the learner's markdown and sanitized when the note was saved (lib/notes/render.ts).
          <div id="question" className="prose-answer text-lg" data-testid="question" dangerouslySetInnerHTML={{ __html: card.questionHtml }} />
        ))}
      {revealed ? (
        <>
          {card.kind === "basic" && <hr className="border-stone-200 dark:border-stone-800" />}
          <div id={card.kind === "cloze" ? "question" : undefined} className="prose-answer" data-testid="answer" dangerouslySetInnerHTML={{ __html: card.answerHtml }} />
        </>
      ) : (
        <button type="button" autoFocus onClick={onReveal} className="w-full rounded-md bg-indigo-700 px-4 py-3 font-medium text-white hover:bg-indigo-800">
          Show answer <kbd className="ml-2 text-xs opacity-80">Space</kbd>
        </button>
      )}
    </section>
  );
}
