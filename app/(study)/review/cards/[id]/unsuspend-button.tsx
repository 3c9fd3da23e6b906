"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiRequest } from "@/lib/http/api-client";

/** Puts a suspended card back into the learner's reviews. */
export function UnsuspendButton({ cardId, version }: { cardId: string; version: number }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function unsuspend() {
    setPending(true);
    setError(null);
    const result = await apiRequest(`/api/review/cards/${encodeURIComponent(cardId)}/suspend`, { method: "POST", body: { version, suspended: false } });
    setPending(false);
    if (result.ok) return router.refresh();
    if (result.status === 0) return setError("We could not reach the server. Check your connection and try again.");
    setError(result.error?.message ?? `The server answered ${result.status}. Reload the page and try again.`);
    router.refresh();
  }

  return (
    <div className="space-y-1">
      <button type="button" onClick={unsuspend} disabled={pending} className="rounded-md border border-stone-300 px-3 py-1.5 text-sm hover:bg-stone-100 disabled:opacity-60 dark:border-stone-700 dark:hover:bg-stone-800">
        {pending ? "Unsuspending…" : "Unsuspend: put it back in my reviews"}
      </button>
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
