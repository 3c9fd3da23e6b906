"use client";

import { useRouter } from "next/navigation";
import { Field, FormAlert, SubmitButton } from "@/app/_components/form";
import { useApi } from "../_components/use-api";
import { TimeZoneField } from "../_components/time-zone-field";

export function CreateClassForm({ defaultTimeZone, timeZones }: { defaultTimeZone: string; timeZones: string[] }) {
  const router = useRouter();
  const { pending, error, send } = useApi();
  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const created = await send<{ class: { id: string } }>("POST", "/api/teach/classes", {
          name: String(form.get("name") ?? ""),
          description: String(form.get("description") ?? ""),
          timeZone: String(form.get("timeZone") ?? ""),
        }, { refresh: false });
        if (created) router.push(`/teach/classes/${created.class.id}`);
      }}
    >
      {error && !error.field && <FormAlert>{error.message}</FormAlert>}
      <Field label="Name" name="name" required maxLength={120} error={error?.field === "name" ? error.message : undefined} />
      <Field label="Description (optional)" name="description" maxLength={2000} />
      <TimeZoneField defaultValue={defaultTimeZone} timeZones={timeZones} error={error?.field === "timeZone" ? error.message : undefined} />
      <SubmitButton pending={pending}>{pending ? "Creating…" : "Create class"}</SubmitButton>
    </form>
  );
}
