"use client";

import { useState } from "react";
import { Field } from "@/app/_components/form";
import { useApi } from "../_components/use-api";

export function JoinForm({ code, label = "Join" }: { code?: string; label?: string }) {
  const { pending, error, send } = useApi();
  const [joined, setJoined] = useState<string | null>(null);
  return (
    <form
      className="space-y-3"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const result = await send<{ name: string; joined: boolean }>("POST", "/api/teach/join", { code: code ?? String(form.get("code") ?? "") });
        if (result) setJoined(result.joined ? `You joined ${result.name}.` : `You are already in ${result.name}.`);
      }}
    >
      {!code && <Field label="Class code" name="code" autoComplete="off" autoCapitalize="characters" spellCheck={false} placeholder="ABCD-EFGH" error={error?.message} />}
      {code && error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error.message}
        </p>
      )}
      <button type="submit" disabled={pending} aria-busy={pending} className="rounded-md bg-indigo-700 px-4 py-2 font-medium text-white hover:bg-indigo-800 disabled:opacity-60">
        {pending ? "Joining…" : label}
      </button>
      <p role="status" className="text-sm text-emerald-900 dark:text-emerald-200">
        {joined}
      </p>
    </form>
  );
}
