"use client";

// The learner's submissions for this exercise, newest first, a page at a time (GET /api/lab/submissions).
import { useCallback, useEffect, useState } from "react";
import { apiRequest } from "@/lib/http/api-client";
import type { SubmissionPage, SubmissionSummary } from "@/lib/lab/submissions/types";

const VERDICT: Record<SubmissionSummary["status"], { label: string; className: string }> = {
  pass: { label: "✓ passed", className: "text-emerald-700 dark:text-emerald-400" },
  fail: { label: "✗ failed", className: "text-red-700 dark:text-red-400" },
  error: { label: "⚠ could not run", className: "text-red-700 dark:text-red-400" },
};

export function Submissions({ history, onOpen, onMore }: { history: HistoryState; onOpen: (id: string) => void; onMore: () => void }) {
  if (history.error) return <p className="text-sm text-red-700 dark:text-red-400">{history.error}</p>;
  if (history.items.length === 0) return <p className="text-sm text-stone-600 dark:text-stone-400">{history.loading ? "Loading…" : "No submissions yet."}</p>;
  return (
    <>
      <ol className="divide-y divide-stone-200 text-sm dark:divide-stone-800" aria-label="Your submissions" data-testid="history">
        {history.items.map((item) => {
          const failed = item.failing.find((f) => !f.hidden);
          const hiddenFailed = item.failing.filter((f) => f.hidden);
          const when = new Date(item.createdAt).toLocaleString();
          const verdict = VERDICT[item.status];
          return (
            <li key={item.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 py-2" data-testid="history-item" data-status={item.status}>
              <span className={verdict.className}>{verdict.label}</span>
              <span className="font-mono text-xs">
                {item.points}/{item.maxPoints} pt
              </span>
              <time dateTime={item.createdAt} className="text-stone-600 dark:text-stone-400">
                {when}
              </time>
              <span className="text-xs text-stone-600 dark:text-stone-400">
                {item.backend}, visible tests {Math.round(item.durationMs)} ms
              </span>
              <button type="button" className="ml-auto underline" onClick={() => onOpen(item.id)} aria-label={`Open in editor: the submission of ${when}`}>
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
      </ol>
      {history.nextCursor && (
        <button type="button" className="text-sm underline" onClick={onMore} disabled={history.loading}>
          {history.loading ? "Loading…" : "Show older submissions"}
        </button>
      )}
    </>
  );
}

export type HistoryState = { items: SubmissionSummary[]; nextCursor: string | null; loading: boolean; error: string | null };

async function fetchPage(exerciseId: string, cursor: string | null): Promise<SubmissionPage> {
  const query = new URLSearchParams({ exercise: exerciseId });
  if (cursor) query.set("cursor", cursor);
  const result = await apiRequest<SubmissionPage>(`/api/lab/submissions?${query}`);
  if (!result.ok) throw new Error(result.status === 0 ? "The server could not be reached." : `The server answered ${result.status}.`);
  return result.data;
}

/** The first page on mount; `refresh` reloads it (after a submit), `more` appends the next older page. */
export function useHistory(exerciseId: string) {
  const [history, setHistory] = useState<HistoryState>({ items: [], nextCursor: null, loading: true, error: null });
  const settle = useCallback(
    (cursor: string | null) =>
      fetchPage(exerciseId, cursor).then(
        (page) => (h: HistoryState): HistoryState => ({ items: cursor ? [...h.items, ...page.submissions] : page.submissions, nextCursor: page.nextCursor, loading: false, error: null }),
        (error: unknown) => (h: HistoryState): HistoryState => {
          const reason = error instanceof Error && error.message.startsWith("The server") ? error.message : "The server could not be reached.";
          return { ...h, loading: false, error: h.items.length ? null : `Your submissions could not be loaded. ${reason} Reload the page to try again.` };
        },
      ),
    [exerciseId],
  );
  useEffect(() => {
    let live = true;
    void settle(null).then((update) => live && setHistory(update));
    return () => {
      live = false;
    };
  }, [settle]);
  const refresh = useCallback(async () => setHistory(await settle(null)), [settle]);
  const more = useCallback(async () => {
    if (!history.nextCursor) return;
    setHistory((h) => ({ ...h, loading: true }));
    setHistory(await settle(history.nextCursor));
  }, [history.nextCursor, settle]);
  return { history, refresh, more };
}
