"use client";

// Submit (graded on the server, hidden tests included) and the learner's history for this exercise.
import { useCallback, useEffect, useState } from "react";

export type HistoryItem = {
  id: string;
  status: string;
  points: number;
  maxPoints: number;
  createdAt: string;
  failing: Array<{ name: string; status: string; hidden: boolean }>;
};

export function Submissions({ exerciseId, history, onOpen }: { exerciseId: string; history: HistoryItem[]; onOpen: (id: string) => void }) {
  if (history.length === 0) return <p className="text-sm text-stone-600 dark:text-stone-400">No submissions yet.</p>;
  return (
    <ol className="divide-y divide-stone-200 text-sm dark:divide-stone-800" aria-label="Your submissions" data-testid="history">
      {history.map((item) => {
        const failed = item.failing.find((f) => !f.hidden);
        const hiddenFailed = item.failing.filter((f) => f.hidden);
        return (
          <li key={item.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 py-2" data-testid="history-item" data-status={item.status}>
            <span className={item.status === "pass" ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}>
              {item.status === "pass" ? "✓ passed" : item.status === "error" ? "⚠ could not run" : "✗ failed"}
            </span>
            <span className="font-mono text-xs">
              {item.points}/{item.maxPoints} pt
            </span>
            <time dateTime={item.createdAt} className="text-stone-600 dark:text-stone-400">
              {new Date(item.createdAt).toLocaleString()}
            </time>
            <button type="button" className="ml-auto underline" onClick={() => onOpen(item.id)} aria-label={`Open the submission of ${new Date(item.createdAt).toLocaleString()} in the editor`}>
              Open in editor
            </button>
            {failed && (
              <span className="w-full text-xs text-stone-700 dark:text-stone-300" data-testid="history-failing">
                First failing: {failed.name}
              </span>
            )}
            {hiddenFailed.length > 0 && (
              <span className="w-full text-xs text-stone-700 dark:text-stone-300" data-testid="history-hidden-failing">
                Hidden tests not passed: {hiddenFailed.map((f) => f.name).join("; ")}
              </span>
            )}
          </li>
        );
      })}
      <li className="sr-only">{exerciseId}</li>
    </ol>
  );
}

export function useHistory(exerciseId: string) {
  const [history, setHistory] = useState<HistoryItem[]>([]);
  const refresh = useCallback(async () => {
    const response = await fetch(`/api/lab/submissions?exercise=${encodeURIComponent(exerciseId)}`, { cache: "no-store" }).catch(() => null);
    if (response?.ok) setHistory(((await response.json()) as { submissions: HistoryItem[] }).submissions);
  }, [exerciseId]);
  useEffect(() => {
    let live = true;
    void fetch(`/api/lab/submissions?exercise=${encodeURIComponent(exerciseId)}`, { cache: "no-store" })
      .then((response) => (response.ok ? (response.json() as Promise<{ submissions: HistoryItem[] }>) : null))
      .then((body) => live && body && setHistory(body.submissions))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [exerciseId]);
  return { history, refresh };
}
