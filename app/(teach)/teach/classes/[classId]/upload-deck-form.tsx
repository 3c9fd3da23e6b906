"use client";

import { useRef, useState } from "react";
import { useApi } from "../../../_components/use-api";

type Upload = { status: string; added: number[]; updated: number[]; retired: number[]; restored: number[] };

const list = (numbers: number[]) => numbers.map((n) => `Q${n}`).join(", ");

/** Reads a .md file in the browser and sends its text; errors come back by line, and then nothing was imported. */
export function UploadDeckForm({ classId }: { classId: string }) {
  const { pending, error, setError, send } = useApi();
  const [result, setResult] = useState<{ fileName: string; upload: Upload } | null>(null);
  const [fileName, setFileName] = useState("");
  const input = useRef<HTMLInputElement>(null);
  return (
    <form
      className="space-y-3 border-t border-stone-200 pt-3 dark:border-stone-800"
      onSubmit={async (event) => {
        event.preventDefault();
        setResult(null);
        const file = input.current?.files?.[0];
        if (!file) return setError({ message: "Choose a markdown file (.md) first." });
        if (file.size > 512 * 1024) return setError({ message: `${file.name} is larger than 512 KB; split it into several decks.` });
        setFileName(file.name);
        const upload = await send<Upload>("POST", `/api/teach/classes/${classId}/decks`, { fileName: file.name, source: await file.text() });
        if (upload) setResult({ fileName: file.name, upload });
      }}
    >
      <div className="flex flex-wrap items-end gap-2">
        <div className="space-y-1">
          <label htmlFor="deck-file" className="block text-sm font-medium">
            Upload a deck (.md)
          </label>
          <input id="deck-file" ref={input} type="file" accept=".md,text/markdown" className="block text-sm" />
        </div>
        <button type="submit" disabled={pending} aria-busy={pending} className="rounded-md bg-indigo-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-800 disabled:opacity-60">
          {pending ? "Checking…" : "Upload"}
        </button>
      </div>
      {error && (
        <div role="alert" className="space-y-2 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
          <p>{error.message}</p>
          {error.errors && error.errors.length > 0 && (
            <table className="w-full text-left" aria-label={`Errors in ${fileName}`}>
              <thead>
                <tr>
                  <th scope="col" className="w-16 pr-3 font-medium">
                    Line
                  </th>
                  <th scope="col" className="font-medium">
                    Problem
                  </th>
                </tr>
              </thead>
              <tbody>
                {error.errors.map((problem, index) => (
                  <tr key={index} data-testid="deck-error">
                    <td className="pr-3 font-mono">{problem.line}</td>
                    <td>{problem.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
      {result && (
        <p role="status" className="text-sm text-emerald-900 dark:text-emerald-200">
          {result.upload.status === "unchanged"
            ? `${result.fileName}: unchanged.`
            : `${result.fileName} imported: ${[
                result.upload.added.length && `added ${list(result.upload.added)}`,
                result.upload.updated.length && `updated ${list(result.upload.updated)}`,
                result.upload.restored.length && `restored ${list(result.upload.restored)}`,
                result.upload.retired.length && `retired ${list(result.upload.retired)}`,
              ]
                .filter(Boolean)
                .join("; ") || "details updated"}.`}
        </p>
      )}
    </form>
  );
}
