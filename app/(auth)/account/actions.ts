"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { endAllSessions } from "@/lib/auth/sessions";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";

/** Ends every session of the signed-in user, in every browser, this one included. */
export async function signOutEverywhere(): Promise<void> {
  const user = await requireUser("/account");
  await endAllSessions(getDb(), user.id);
  const jar = await cookies();
  for (const { name } of jar.getAll()) if (/next-auth\.session-token/.test(name)) jar.delete(name);
  redirect("/signin?signedOut=everywhere");
}
