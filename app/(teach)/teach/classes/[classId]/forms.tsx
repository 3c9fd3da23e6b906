"use client";

import { useState } from "react";
import { Field, FormAlert } from "@/app/_components/form";
import { TimeZoneField } from "../../../_components/time-zone-field";
import { useApi } from "../../../_components/use-api";

const button = "rounded-md bg-indigo-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-800 disabled:opacity-60";

export function CreateTrackForm({ classId }: { classId: string }) {
  const { pending, error, send } = useApi();
  const [key, setKey] = useState(0);
  return (
    <form
      key={key}
      className="flex flex-wrap items-end gap-2 border-t border-stone-200 pt-3 dark:border-stone-800"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        if (await send("POST", `/api/teach/classes/${classId}/tracks`, { title: String(form.get("title") ?? "") })) setKey((k) => k + 1);
      }}
    >
      <div className="min-w-48 flex-1">
        <Field label="New track" name="title" placeholder="Week 1: probability" maxLength={120} error={error?.message} />
      </div>
      <button type="submit" disabled={pending} className={button}>
        Add track
      </button>
    </form>
  );
}

export function AddInstructorForm({ classId }: { classId: string }) {
  const { pending, error, send } = useApi();
  const [key, setKey] = useState(0);
  return (
    <form
      key={key}
      className="flex flex-wrap items-end gap-2 border-t border-stone-200 pt-3 dark:border-stone-800"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        if (await send("POST", `/api/teach/classes/${classId}/instructors`, { email: String(form.get("instructorEmail") ?? "") })) setKey((k) => k + 1);
      }}
    >
      <div className="min-w-48 flex-1">
        <Field label="Add a co-instructor (their email)" name="instructorEmail" type="email" autoComplete="off" error={error?.message} />
      </div>
      <button type="submit" disabled={pending} className={button}>
        Add
      </button>
    </form>
  );
}

export function ClassSettingsForm({ classId, name, description, timeZone, timeZones }: { classId: string; name: string; description: string; timeZone: string; timeZones: string[] }) {
  const { pending, error, send } = useApi();
  const [saved, setSaved] = useState(false);
  return (
    <form
      className="max-w-xl space-y-3"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        setSaved(false);
        const form = new FormData(event.currentTarget);
        const done = await send("PATCH", `/api/teach/classes/${classId}`, {
          name: String(form.get("name") ?? ""),
          description: String(form.get("description") ?? ""),
          timeZone: String(form.get("timeZone") ?? ""),
        });
        setSaved(Boolean(done));
      }}
    >
      {error && !error.field && <FormAlert>{error.message}</FormAlert>}
      <Field label="Name" name="name" defaultValue={name} maxLength={120} error={error?.field === "name" ? error.message : undefined} />
      <Field label="Description" name="description" defaultValue={description} maxLength={2000} error={error?.field === "description" ? error.message : undefined} />
      <TimeZoneField defaultValue={timeZone} timeZones={timeZones} error={error?.field === "timeZone" ? error.message : undefined} />
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className={button}>
          Save
        </button>
        <span aria-live="polite" className="text-sm text-stone-600 dark:text-stone-400">
          {saved ? "Saved." : ""}
        </span>
      </div>
    </form>
  );
}
