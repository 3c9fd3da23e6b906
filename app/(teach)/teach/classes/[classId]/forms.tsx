"use client";

import { useState } from "react";
import { Field, FormAlert } from "@/app/_components/form";
import { OneFieldForm } from "../../../_components/one-field-form";
import { TimeZoneField } from "../../../_components/time-zone-field";
import { useApi } from "../../../_components/use-api";

const button = "rounded-md bg-indigo-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-800 disabled:opacity-60";

export function CreateTrackForm({ classId }: { classId: string }) {
  return <OneFieldForm url={`/api/teach/classes/${classId}/tracks`} bodyKey="title" submitLabel="Add track" label="New track" name="title" placeholder="Week 1: probability" maxLength={120} />;
}

export function AddInstructorForm({ classId }: { classId: string }) {
  return <OneFieldForm url={`/api/teach/classes/${classId}/instructors`} bodyKey="email" submitLabel="Add" label="Add a co-instructor (their email)" name="instructorEmail" type="email" autoComplete="off" />;
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
