// The four answers as the learner sees them: lib/srs's `Rating` (the one definition the server validates and
// schedules with) and its names, with the key that gives each one and its colour.
import { Rating, RATINGS } from "@/lib/srs/types";

const NAMES = Object.fromEntries(Object.entries(Rating).map(([name, value]) => [value, name])) as Record<Rating, keyof typeof Rating>;

const TONES: Record<Rating, string> = {
  [Rating.Again]: "border-red-300 text-red-800 dark:border-red-800 dark:text-red-300",
  [Rating.Hard]: "border-amber-300 text-amber-900 dark:border-amber-800 dark:text-amber-300",
  [Rating.Good]: "border-emerald-300 text-emerald-900 dark:border-emerald-800 dark:text-emerald-300",
  [Rating.Easy]: "border-sky-300 text-sky-900 dark:border-sky-800 dark:text-sky-300",
};

/** "Again", "Hard", "Good" or "Easy". */
export const ratingName = (rating: Rating): string => NAMES[rating];

export const RATING_BUTTONS = RATINGS.map((rating) => ({ rating, label: ratingName(rating), key: String(rating), tone: TONES[rating] }));
