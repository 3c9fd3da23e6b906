import type { ReviewQueue } from "@/lib/review/queue";

/** Cards left today by kind. Colour is not the only cue: each count carries its word, visible and read out. */
export function ReviewCounts({ counts }: { counts: ReviewQueue["counts"] }) {
  return (
    <p className="flex gap-3 text-sm" data-testid="counts">
      <span className="sr-only">Cards left today: </span>
      <span className="text-sky-700 dark:text-sky-400">
        <span className="font-mono font-semibold" data-testid="count-new">{counts.new}</span> new
      </span>
      <span className="text-red-700 dark:text-red-400">
        <span className="font-mono font-semibold" data-testid="count-learning">{counts.learning}</span> learning
      </span>
      <span className="text-emerald-700 dark:text-emerald-400">
        <span className="font-mono font-semibold" data-testid="count-review">{counts.review}</span> to review
      </span>
    </p>
  );
}
