"use client";

import type { ReviewQueue } from "@/lib/review/queue";
import { CardActions } from "./card-actions";
import { DoneForToday } from "./done-for-today";
import { RatingButtons } from "./rating-buttons";
import { ReviewCounts } from "./review-counts";
import { ReviewStatus } from "./review-status";
import { SettingsProblemsNotice, type SettingsProblems } from "./settings-problems";
import { ShownCard } from "./shown-card";
import { useReviewKeys } from "./use-review-keys";
import { useReviewSession } from "./use-review-session";

export function ReviewSession({ initial, settingsProblems = [] }: { initial: ReviewQueue; settingsProblems?: SettingsProblems }) {
  const session = useReviewSession(initial);
  const { queue, card, revealed, reveal, pending, answer, undo } = session;
  useReviewKeys({ revealed, reveal, answer, undo });

  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1">
        <h1 className="text-xl font-semibold">Review</h1>
        <ReviewCounts counts={queue.counts} />
      </div>
      <SettingsProblemsNotice problems={settingsProblems} />
      <ReviewStatus status={session.status} leech={session.leech} />
      {card ? <ShownCard card={card} revealed={revealed} onReveal={reveal} /> : <DoneForToday nextDueAt={queue.nextDueAt} canUndo={session.canUndo} onUndo={undo} />}
      {card && revealed && <RatingButtons intervals={card.intervals} disabled={pending} onAnswer={answer} />}
      {card && <CardActions cardId={card.id} pending={pending} canUndo={session.canUndo} onUndo={undo} onSuspend={session.suspend} onReset={session.reset} />}
    </div>
  );
}
