"use client";

// The settings page's view of the learner's memory model: the state the server rendered, a POST that starts a job or
// changes something, and polling GET /api/memory-model while any job of theirs is queued or running.
import { useCallback, useEffect, useState } from "react";
import { apiRequest } from "@/lib/http/api-client";
import type { JobView } from "@/lib/jobs/status";
import type { MemoryModelState } from "@/lib/memory-model/model";

const POLL_MS = 1000;

export const isActive = (job: JobView | null) => job?.status === "queued" || job?.status === "running";

export function useMemoryModel(initial: MemoryModelState) {
  const [state, setState] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const busy = isActive(state.jobs.optimize) || isActive(state.jobs.reschedule) || isActive(state.jobs.retention);

  const refresh = useCallback(async () => {
    const result = await apiRequest<MemoryModelState>("/api/memory-model");
    if (!result.ok) {
      setProblem("Could not reach the server to check on your memory model; retrying. Your job keeps running meanwhile.");
      return;
    }
    setProblem(null);
    setState(result.data);
  }, []);

  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [busy, refresh]);

  /** POSTs `body` to /api/memory-model/<path>; returns the response's JSON, or null after showing what went wrong. */
  const send = useCallback(
    async (path: string, body: object = {}): Promise<unknown> => {
      const result = await apiRequest(`/api/memory-model/${path}`, { method: "POST", body });
      if (!result.ok) {
        setProblem(
          result.status === 0
            ? "Could not reach the server: check your connection and try again. Nothing was changed."
            : (result.error?.message ?? `The server answered ${result.status}. Nothing was changed; try again.`),
        );
        return null;
      }
      setProblem(null);
      await refresh();
      return result.data;
    },
    [refresh],
  );

  return { state, problem, send };
}
