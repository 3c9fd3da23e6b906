"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

export type ApiError = { message: string; field?: string; errors?: Array<{ line: number; message: string }> };

/**
 * Sends one JSON request to a teaching route and keeps what the form shows: pending, and the error the server gave
 * (its message says what to do). On success the page's server data is refreshed.
 */
export function useApi() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function send<T = Record<string, unknown>>(method: "POST" | "PATCH" | "DELETE", url: string, body?: unknown, options: { refresh?: boolean } = {}): Promise<T | null> {
    setPending(true);
    setError(null);
    try {
      const response = await fetch(url, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body ?? {}) });
      const data = (await response.json().catch(() => ({}))) as T & { error?: ApiError };
      if (!response.ok) {
        setError(data.error ?? { message: `The server answered ${response.status}. Try again in a moment.` });
        return null;
      }
      if (options.refresh !== false) router.refresh();
      return data;
    } catch {
      setError({ message: "We could not reach the server. Check your connection and try again." });
      return null;
    } finally {
      setPending(false);
    }
  }

  return { pending, error, setError, send };
}
