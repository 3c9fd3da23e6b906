"use client";

import type { JobView } from "@/lib/jobs/status";

/** A background job's progress as its worker reports it, announced politely to screen readers. */
export function JobProgress({ job, label }: { job: JobView; label: string }) {
  const { current, total, message } = job.progress;
  return (
    <div className="space-y-1" role="status" aria-live="polite">
      <progress className="h-2 w-full" max={Math.max(total, 1)} value={job.status === "queued" ? undefined : current} aria-label={label} />
      <p className="text-sm text-stone-600 dark:text-stone-400">{job.status === "queued" ? "Waiting for a worker…" : (message ?? "Working…")}</p>
    </div>
  );
}
