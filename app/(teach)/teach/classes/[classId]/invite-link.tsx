"use client";

import { useState } from "react";

/** The invite link with a copy button. */
export function InviteLink({ url }: { url: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label htmlFor="invite-link" className="text-sm font-medium">
        Invite link
      </label>
      <input id="invite-link" readOnly value={url} className="min-w-0 flex-1 rounded-md border border-stone-300 bg-stone-50 px-2 py-1 font-mono text-sm dark:border-stone-700 dark:bg-stone-950" onFocus={(e) => e.currentTarget.select()} />
      <button
        type="button"
        className="rounded-md border border-stone-300 px-3 py-1.5 text-sm hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800"
        onClick={async () => {
          await navigator.clipboard?.writeText(url).catch(() => undefined);
          setCopied(true);
          setTimeout(() => setCopied(false), 2000);
        }}
      >
        {copied ? "Copied" : "Copy link"}
      </button>
      <span aria-live="polite" className="sr-only">
        {copied ? "Invite link copied" : ""}
      </span>
    </div>
  );
}
