"use client";

import { useState, type InputHTMLAttributes } from "react";
import { Field } from "@/app/_components/form";
import { useApi } from "./use-api";

type Props = {
  /** The teaching route the value is POSTed to, as `{ [bodyKey]: value }`. */
  url: string;
  bodyKey: string;
  submitLabel: string;
  label: string;
  name: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "name">;

/** A form of one field beside its button (add a track, add a co-instructor): empty again once the server took it. */
export function OneFieldForm({ url, bodyKey, submitLabel, label, name, ...input }: Props) {
  const { pending, error, send } = useApi();
  // A new key remounts the form, emptying its field.
  const [key, setKey] = useState(0);
  return (
    <form
      key={key}
      className="flex flex-wrap items-end gap-2 border-t border-stone-200 pt-3 dark:border-stone-800"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        if (await send("POST", url, { [bodyKey]: String(form.get(name) ?? "") })) setKey((k) => k + 1);
      }}
    >
      <div className="min-w-48 flex-1">
        <Field label={label} name={name} error={error?.message} {...input} />
      </div>
      <button type="submit" disabled={pending} className="rounded-md bg-indigo-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-800 disabled:opacity-60">
        {submitLabel}
      </button>
    </form>
  );
}
