"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

/** Puts a suspended card back into the learner's reviews. */
export function UnsuspendButton({ cardId, version }: { cardId: string; version: number }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function unsuspend() {
    setPending(true);
    setError(null);
    try {
      const response = await fetch(`/api/review/cards/${encodeURIComponent(cardId)}/suspend`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ version, suspended: false }),
      });
      if (!response.ok) {
        const data = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        setError(data?.error?.message ?? `The server answered ${response.status}. Reload the page and try again.`);
      }
      router.refresh();
    } catch {
      setError("We could not reach the server. Check your connection and try again.");
    } finally {
      setPending(false);
    }
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
