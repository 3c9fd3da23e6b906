"use client";

// Submit: the code graded on the server, hidden tests included, through lib/lab/browser/submit.ts (which waits and
// resends while the grader is busy, and polls a grade that comes later), each wait said on the page.
import { useCallback, useState } from "react";
import { submitCode } from "@/lib/lab/browser/submit";
import type { SubmittedSolution } from "@/lib/lab/submissions/types";

/** What the page says once a submission is graded. */
export function submittedNotice({ results, rescheduledCards }: SubmittedSolution): string {
  if (results.status === "pass") return "Submitted: every test passed on the server.";
  const back = rescheduledCards ? ` The ${rescheduledCards} card${rescheduledCards > 1 ? "s" : ""} of the notes this exercise practises are back in today's review.` : "";
  return `Submitted: graded on the server.${back}`;
}

/** `onNotice` is told each step (grading, a wait, why it failed). */
export function useSubmission(exerciseId: string, onNotice: (notice: string) => void) {
  const [submitting, setSubmitting] = useState(false);

  /** The graded submission, or null when none came (already submitting, or it failed: said through `onNotice`). */
  const submit = useCallback(
    async (code: string): Promise<SubmittedSolution | null> => {
      if (submitting) return null;
      setSubmitting(true);
      onNotice("Grading on the server, hidden tests included…");
      const outcome = await submitCode(exerciseId, code, {
        onRetry: (seconds) => onNotice(`The grader is busy; trying again in ${seconds} s…`),
        onPending: () => onNotice("Still grading: many submissions are waiting. Your result will show here as soon as it is stored…"),
      });
      setSubmitting(false);
      if (outcome.ok) return outcome.submission;
      onNotice(outcome.message);
      return null;
    },
    [exerciseId, onNotice, submitting],
  );

  return { submit, submitting };
}
