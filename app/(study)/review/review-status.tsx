import Link from "next/link";
import type { LeechNotice } from "./use-review-session";

/** What the last action did or why it failed, read out; a card that just became a leech is said instead. */
export function ReviewStatus({ status, leech }: { status: string | null; leech: LeechNotice | null }) {
  return (
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
  );
}
