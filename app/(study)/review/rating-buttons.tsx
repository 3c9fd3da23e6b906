import type { Rating } from "@/lib/srs/types";
import { RATING_BUTTONS } from "./ratings";

/** Again, Hard, Good, Easy, each with the interval it would give and its key. */
export function RatingButtons({ intervals, disabled, onAnswer }: { intervals: Record<Rating, string>; disabled: boolean; onAnswer: (rating: Rating) => void }) {
  return (
    // Sticky: however long the answer, the ratings stay at the bottom of the screen.
    <div
      className="sticky bottom-0 z-10 -mx-4 grid grid-cols-4 gap-2 border-t border-stone-200 bg-stone-50/95 px-4 py-2 backdrop-blur sm:mx-0 sm:border-0 sm:bg-transparent sm:px-0 sm:backdrop-blur-none dark:border-stone-800 dark:bg-stone-950/95 sm:dark:bg-transparent"
      role="group"
      aria-label="How well did you remember?"
      data-testid="ratings"
    >
      {RATING_BUTTONS.map(({ rating, label, key, tone }) => (
        <button
          key={rating}
          type="button"
          disabled={disabled}
          onClick={() => onAnswer(rating)}
          className={`min-h-11 rounded-md border-2 bg-white px-1 py-1.5 text-center font-medium disabled:opacity-60 sm:px-3 dark:bg-stone-900 ${tone}`}
          aria-keyshortcuts={key}
        >
          <span className="block text-xs font-normal" data-testid={`interval-${rating}`}>
            {intervals[rating]}
          </span>
          {label} <kbd className="hidden text-xs opacity-70 sm:inline">{key}</kbd>
        </button>
      ))}
    </div>
  );
}
