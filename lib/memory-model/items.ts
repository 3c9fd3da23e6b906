// Card histories → the items FSRS trains and is judged on (as Anki's `reviews_for_fsrs` makes them): one per rating
// given on a later study day than the card's previous one, holding the card's whole history up to that rating. Same-
// day ratings (learning steps) are in the histories — FSRS-6 models them as short-term memory — but are not items
// themselves. Items are ordered by when their last rating was given, so a time-series split never trains on the future.
import type { FsrsReview } from "@/lib/srs/fsrs-model";
import type { CardHistory } from "./histories";

export type HistoryItem = {
  /** The card's reviews up to and including the one to predict (the last). */
  reviews: FsrsReview[];
  /** When the last one was given, ms since the epoch. */
  at: number;
};

export function itemsOfHistory(history: CardHistory): HistoryItem[] {
  const reviews = history.ratings.map((rating, i): FsrsReview => ({ rating, deltaT: i === 0 ? 0 : history.deltaTs[i]! }));
  const items: HistoryItem[] = [];
  for (let i = 1; i < reviews.length; i++) {
    if (reviews[i]!.deltaT > 0) items.push({ reviews: reviews.slice(0, i + 1), at: history.times[i]! });
  }
  return items;
}

/** All items of `histories`, oldest first (ties keep the histories' order). */
export function itemsInTimeOrder(histories: Iterable<CardHistory>): HistoryItem[] {
  const items: HistoryItem[] = [];
  for (const history of histories) items.push(...itemsOfHistory(history));
  return items.sort((a, b) => a.at - b.at);
}
