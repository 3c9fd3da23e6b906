"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiRequest, UNREACHABLE, type ApiError } from "@/lib/http/api-client";

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
    const result = await apiRequest<T>(url, { method, body });
    setPending(false);
    if (!result.ok) {
      setError(result.status === 0 ? { message: UNREACHABLE } : (result.error ?? { message: `The server answered ${result.status}. Try again in a moment.` }));
      return null;
    }
    if (options.refresh !== false) router.refresh();
    return result.data;
  }

  return { pending, error, setError, send };
}
