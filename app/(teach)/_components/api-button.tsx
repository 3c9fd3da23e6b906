"use client";

import { useRouter } from "next/navigation";
import { useApi } from "./use-api";

const styles = {
  primary: "rounded-md bg-indigo-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-800 disabled:opacity-60",
  quiet: "rounded-md border border-stone-300 px-3 py-1.5 text-sm hover:bg-stone-100 disabled:opacity-60 dark:border-stone-700 dark:hover:bg-stone-800",
  danger: "rounded-md border border-red-300 px-3 py-1.5 text-sm text-red-800 hover:bg-red-50 disabled:opacity-60 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950",
  small: "rounded px-1.5 py-0.5 text-sm text-stone-700 hover:bg-stone-200 disabled:opacity-40 dark:text-stone-300 dark:hover:bg-stone-800",
};

/** One action on a teaching route (rotate a code, remove a learner, …): asks first when `confirm` is set. */
export function ApiButton({
  method,
  url,
  body,
  children,
  confirm,
  variant = "quiet",
  redirectTo,
  label,
}: {
  method: "POST" | "PATCH" | "DELETE";
  url: string;
  body?: Record<string, unknown>;
  children: React.ReactNode;
  confirm?: string;
  variant?: keyof typeof styles;
  redirectTo?: string;
  /** An accessible name when the visible text is short (↑, ↓). */
  label?: string;
}) {
  const router = useRouter();
  const { pending, error, send } = useApi();
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <button
        type="button"
        aria-label={label}
        disabled={pending}
        aria-busy={pending}
        className={styles[variant]}
        onClick={async () => {
          if (confirm && !window.confirm(confirm)) return;
          const done = await send(method, url, body, { refresh: !redirectTo });
          if (done && redirectTo) router.push(redirectTo);
        }}
      >
        {children}
      </button>
      {error && (
        <span role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error.message}
        </span>
      )}
    </span>
  );
}
