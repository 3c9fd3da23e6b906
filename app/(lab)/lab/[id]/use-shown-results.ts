"use client";

// The results on show (a browser run, a server grade, an older submission), with their visible tests' code.
import { useCallback, useMemo, useState } from "react";
import type { Results } from "@/lib/lab/runner/results";
import { withTestCode, type TestCodeView } from "@/lib/lab/runner/test-source";

export type GradedBy = "browser" | "server";

export function useShownResults(testCode: Record<string, TestCodeView>) {
  const [shown, setShown] = useState<Results | null>(null);
  const [graded, setGraded] = useState<GradedBy | null>(null);
  // Counts the runs and submissions that finished: a new verdict is in when it changes (e2e waits on data-runs).
  const [runs, setRuns] = useState(0);
  const sources = useMemo(() => Object.fromEntries(Object.entries(testCode).map(([name, view]) => [name, view.source])), [testCode]);
  const results = useMemo(() => (shown ? withTestCode(shown, sources) : null), [shown, sources]);

  /** A run or a submission just finished. */
  const showVerdict = useCallback((verdict: Results, by: GradedBy) => {
    setShown(verdict);
    setGraded(by);
    setRuns((n) => n + 1);
  }, []);
  /** An earlier submission, opened from the history. */
  const showSubmission = useCallback((stored: Results) => {
    setShown(stored);
    setGraded("server");
  }, []);
  const clear = useCallback(() => setShown(null), []);

  return { results, graded, runs, showVerdict, showSubmission, clear };
}
