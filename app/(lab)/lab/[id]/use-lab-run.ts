"use client";

// Running the visible tests in the browser: the supervisor (a worker on the best TensorFlow.js backend, warmed on
// arrival), whether a run is going, its progress, and the backend it uses.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { BACKEND_ORDER, type BackendName } from "@/lib/lab/browser/protocol";
import { LabSupervisor, type RunProgress } from "@/lib/lab/browser/supervisor";
import type { Results } from "@/lib/lab/runner/results";
import type { Problem } from "./code-editor";

/** `?backend=cpu` (or wasm, webgl) in the page's address forces that backend: for tests and for support. */
function forcedBackend(): BackendName | undefined {
  const value = new URLSearchParams(window.location.search).get("backend");
  return BACKEND_ORDER.find((name) => name === value);
}

/** `onNotice` is told why code will not run, or runs with a caveat (null clears it). */
export function useLabRun(exercise: { id: string; exports: string[] }, onNotice: (notice: string | null) => void) {
  const supervisor = useMemo(() => (typeof window === "undefined" ? null : new LabSupervisor(forcedBackend())), []);
  const [progress, setProgress] = useState<RunProgress | null>(null);
  const [running, setRunning] = useState(false);
  const [backend, setBackend] = useState<string | null>(null);
  const runningRef = useRef(false);

  useEffect(() => {
    supervisor?.warm();
    return () => supervisor?.dispose();
  }, [supervisor]);

  /** Runs `source`'s visible tests; null when nothing ran (a run is going, or the code cannot load). */
  const run = useCallback(
    async (source: string, problems: Problem[]): Promise<Results | null> => {
      // A ref, not the `running` state: two quick Ctrl+Enter presses come before React re-renders.
      if (!supervisor || runningRef.current) return null;
      const syntax = problems.filter((p) => p.syntax);
      if (syntax.length > 0) {
        onNotice(`Fix the syntax error${syntax.length > 1 ? "s" : ""} listed above first: the tests cannot load this code.`);
        return null;
      }
      onNotice(problems.length ? "Your code has type errors (listed above); running it anyway — they may explain a failure." : null);
      runningRef.current = true;
      setRunning(true);
      setProgress(null);
      const outcome = await supervisor.run({ exerciseId: exercise.id, source, exports: exercise.exports }, (p) => {
        setProgress(p);
        if (p.backend) setBackend(p.backend);
      });
      setBackend(outcome.backend);
      runningRef.current = false;
      setRunning(false);
      return outcome;
    },
    [exercise.exports, exercise.id, onNotice, supervisor],
  );

  return { run, running, progress, backend };
}
