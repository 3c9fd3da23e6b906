"use client";

import { useState } from "react";
import { Field, FormAlert } from "@/app/_components/form";
import { inputClass } from "../../../../../_components/ui";
import { useApi } from "../../../../../_components/use-api";

const button = "rounded-md bg-indigo-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-800 disabled:opacity-60";

export function TrackTitleForm({ trackId, title, description }: { trackId: string; title: string; description: string }) {
  const { pending, error, send } = useApi();
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-stone-700 dark:text-stone-300">{description || "Rename or describe this track"}</summary>
      <form
        className="mt-2 max-w-xl space-y-3"
        noValidate
        onSubmit={async (event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          await send("PATCH", `/api/teach/tracks/${trackId}`, { title: String(form.get("title") ?? ""), description: String(form.get("description") ?? "") });
        }}
      >
        {error && <FormAlert>{error.message}</FormAlert>}
        <Field label="Title" name="title" defaultValue={title} maxLength={120} />
        <Field label="Description" name="description" defaultValue={description} maxLength={2000} />
        <button type="submit" disabled={pending} className={button}>
          Save
        </button>
      </form>
    </details>
  );
}

type ItemSettings = { id: string; kind: "review" | "lab"; goal: "studied" | "mastered" | null; passPercent: number | null; due: string; title: string };

/** An item's due date and goal (or pass mark), changed in place; each change is recorded in the history. */
export function ItemSettingsForm({ item, timeZone }: { item: ItemSettings; timeZone: string }) {
  const { pending, error, send } = useApi();
  const [saved, setSaved] = useState(false);
  const prefix = `item-${item.id}`;
  return (
    <form
      className="flex flex-wrap items-end gap-3 text-sm"
      aria-label={`Settings of ${item.title}`}
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        setSaved(false);
        const form = new FormData(event.currentTarget);
        const changes: Record<string, unknown> = { due: String(form.get("due") ?? "") };
        if (item.kind === "review") changes.goal = String(form.get("goal"));
        else changes.passPercent = Number(form.get("passPercent"));
        setSaved(Boolean(await send("PATCH", `/api/teach/items/${item.id}`, changes)));
      }}
    >
      <div className="space-y-1">
        <label htmlFor={`${prefix}-due`} className="block font-medium">
          Due ({timeZone})
        </label>
        <input id={`${prefix}-due`} name="due" type="datetime-local" defaultValue={item.due} className={inputClass} />
      </div>
      {item.kind === "review" ? (
        <div className="space-y-1">
          <label htmlFor={`${prefix}-goal`} className="block font-medium">
            Goal
          </label>
          <select id={`${prefix}-goal`} name="goal" defaultValue={item.goal ?? "studied"} className={inputClass}>
            <option value="studied">studied (every card reviewed once)</option>
            <option value="mastered">mastered (every card stable ≥ 21 days)</option>
          </select>
        </div>
      ) : (
        <div className="space-y-1">
          <label htmlFor={`${prefix}-pass`} className="block font-medium">
            Pass mark (% of points)
          </label>
          <input id={`${prefix}-pass`} name="passPercent" type="number" min={1} max={100} defaultValue={item.passPercent ?? 100} className={`${inputClass} w-24`} />
        </div>
      )}
      <button type="submit" disabled={pending} className="rounded-md border border-stone-300 px-3 py-2 hover:bg-stone-100 disabled:opacity-60 dark:border-stone-700 dark:hover:bg-stone-800">
        Save
      </button>
      <span aria-live="polite" className="text-stone-600 dark:text-stone-400">
        {saved ? "Saved." : ""}
      </span>
      {error && (
        <span role="alert" className="basis-full text-red-700 dark:text-red-400">
          {error.message}
        </span>
      )}
    </form>
  );
}

type DeckOption = { id: string; title: string; classDeck: boolean; notes: Array<{ number: number; question: string }> };

export function AddItemForm({ trackId, timeZone, decks, exercises }: { trackId: string; timeZone: string; decks: DeckOption[]; exercises: Array<{ id: string; title: string }> }) {
  const { pending, error, send } = useApi();
  const [kind, setKind] = useState<"review" | "lab">("review");
  const [deckId, setDeckId] = useState(decks[0]?.id ?? "");
  const [key, setKey] = useState(0);
  const deck = decks.find((d) => d.id === deckId);
  return (
    <form
      key={key}
      className="space-y-4"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const due = String(form.get("due") ?? "");
        const body =
          kind === "review"
            ? { kind, deckId, goal: String(form.get("goal")), noteNumbers: form.getAll("note").map(Number), due }
            : { kind, exerciseId: String(form.get("exerciseId")), passPercent: Number(form.get("passPercent")), due };
        if (await send("POST", `/api/teach/tracks/${trackId}/items`, body)) setKey((k) => k + 1);
      }}
    >
      {error && <FormAlert>{error.message}</FormAlert>}
      <fieldset className="flex gap-4 text-sm">
        <legend className="mb-1 font-medium">Kind</legend>
        <label className="flex items-center gap-1.5">
          <input type="radio" name="kind" value="review" checked={kind === "review"} onChange={() => setKind("review")} /> A deck to study
        </label>
        <label className="flex items-center gap-1.5">
          <input type="radio" name="kind" value="lab" checked={kind === "lab"} onChange={() => setKind("lab")} /> An exercise to pass
        </label>
      </fieldset>
      {kind === "review" ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <div className="space-y-1">
            <label htmlFor="add-deck" className="block text-sm font-medium">
              Deck
            </label>
            <select id="add-deck" name="deckId" value={deckId} onChange={(e) => setDeckId(e.target.value)} className={inputClass}>
              {decks.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.title} ({d.notes.length} notes{d.classDeck ? ", this class's deck" : ""})
                </option>
              ))}
            </select>
          </div>
          <div className="space-y-1">
            <label htmlFor="add-goal" className="block text-sm font-medium">
              Goal
            </label>
            <select id="add-goal" name="goal" defaultValue="studied" className={inputClass}>
              <option value="studied">studied: every card reviewed at least once</option>
              <option value="mastered">mastered: every card stable for 21 days or more</option>
            </select>
          </div>
          {deck && deck.notes.length > 0 && (
            <details className="text-sm sm:col-span-2">
              <summary className="cursor-pointer">Only some notes of this deck (none chosen: the whole deck)</summary>
              <fieldset className="mt-2 max-h-64 space-y-1 overflow-y-auto rounded-md border border-stone-200 p-2 dark:border-stone-800">
                <legend className="sr-only">Notes of {deck.title}</legend>
                {deck.notes.map((note) => (
                  <label key={note.number} className="flex gap-2">
                    <input type="checkbox" name="note" value={note.number} />
                    <span>
                      <span className="font-mono text-stone-500 dark:text-stone-400">Q{note.number}</span> {note.question}
                    </span>
                  </label>
                ))}
              </fieldset>
            </details>
          )}
        </div>
      ) : (
        <div className="grid gap-3 sm:grid-cols-2">
          <div className="space-y-1">
            <label htmlFor="add-exercise" className="block text-sm font-medium">
              Exercise
            </label>
            <select id="add-exercise" name="exerciseId" className={inputClass}>
              {exercises.map((exercise) => (
                <option key={exercise.id} value={exercise.id}>
                  {exercise.title}
                </option>
              ))}
            </select>
          </div>
          <div className="space-y-1">
            <label htmlFor="add-pass" className="block text-sm font-medium">
              Pass mark (% of the points)
            </label>
            <input id="add-pass" name="passPercent" type="number" min={1} max={100} defaultValue={100} className={inputClass} aria-describedby="add-pass-hint" />
            <p id="add-pass-hint" className="text-sm text-stone-600 dark:text-stone-400">
              Passed when the best server-graded submission reaches it.
            </p>
          </div>
        </div>
      )}
      <div className="space-y-1">
        <label htmlFor="add-due" className="block text-sm font-medium">
          Due date (optional, {timeZone})
        </label>
        <input id="add-due" name="due" type="datetime-local" className={`${inputClass} sm:w-64`} />
      </div>
      <button type="submit" disabled={pending} aria-busy={pending} className={button}>
        Add to track
      </button>
    </form>
  );
}
