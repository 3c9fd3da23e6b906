import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { listSessions } from "@/lib/auth/sessions";
import { getCurrentSession } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { signOutEverywhere } from "./actions";

export const metadata: Metadata = { title: "Your account" };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function AccountPage() {
  const current = await getCurrentSession();
  if (!current) redirect("/signin?callbackUrl=%2Faccount");
  const sessions = await listSessions(getDb(), current.user.id);
  const others = sessions.length - 1;
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-2xl font-semibold">Your account</h1>
      <p className="text-stone-700 dark:text-stone-300">
        Signed in as <strong>{current.user.email}</strong>
        {current.user.name ? ` (${current.user.name})` : ""}.
      </p>
      <section aria-labelledby="sessions-heading" className="space-y-3 rounded-xl border border-stone-200 bg-white p-5 dark:border-stone-800 dark:bg-stone-900">
        <h2 id="sessions-heading" className="text-lg font-semibold">
          Where you are signed in
        </h2>
        <p>
          {sessions.length === 1
            ? "1 session is signed in to your account: this browser."
            : `${sessions.length} sessions are signed in to your account: this browser and ${others} other${others === 1 ? "" : "s"}.`}
        </p>
        <ul aria-label="Sessions" className="divide-y divide-stone-200 text-sm dark:divide-stone-800">
          {sessions.map((session) => (
            <li key={session.id} className="flex flex-wrap justify-between gap-2 py-2">
              <span>
                Signed in <time dateTime={session.createdAt.toISOString()}>{when.format(session.createdAt)} UTC</time>
              </span>
              <span className="text-stone-600 dark:text-stone-400">{session.id === current.sessionId ? "This browser" : `Ends ${when.format(session.expiresAt)} UTC`}</span>
            </li>
          ))}
        </ul>
        <p className="text-sm text-stone-600 dark:text-stone-400">
          Signed in somewhere you no longer use, like a shared computer or a lost phone? Sign out everywhere ends every session, this one
          included; you then sign in again here.
        </p>
        <form action={signOutEverywhere}>
          <button type="submit" className="rounded-md border border-red-300 px-4 py-2 font-medium text-red-800 hover:bg-red-50 dark:border-red-800 dark:text-red-200 dark:hover:bg-red-950">
            Sign out everywhere
          </button>
        </form>
      </section>
    </div>
  );
}
