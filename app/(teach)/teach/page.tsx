import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getReviewSettings } from "@/lib/review/settings";
import { listTeachingClasses } from "@/lib/teach/classes";
import { formatJoinCode } from "@/lib/teach/join-code";
import { CreateClassForm } from "./create-class-form";

export const metadata: Metadata = { title: "Teach" };

export default async function TeachPage() {
  const user = await requireRole("INSTRUCTOR", "/teach");
  const db = getDb();
  const [classes, settings] = await Promise.all([listTeachingClasses(db, user), getReviewSettings(db, user.id)]);
  return (
    <div className="space-y-8">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">Your classes</h1>
        <p className="text-stone-700 dark:text-stone-300">
          Create a class, share its code, assign tracks of decks and exercises with due dates, and follow what your learners remember in the gradebook.
        </p>
      </header>
      {classes.length === 0 ? (
        <p className="text-stone-700 dark:text-stone-300">No classes yet.</p>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2" aria-label="Classes">
          {classes.map((klass) => (
            <li key={klass.id} className="rounded-xl border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900">
              <h2 className="text-lg font-medium">
                <Link href={`/teach/classes/${klass.id}`} className="hover:underline">
                  {klass.name}
                </Link>
              </h2>
              <p className="mt-1 text-sm text-stone-600 dark:text-stone-400">
                {klass.learnerCount} {klass.learnerCount === 1 ? "learner" : "learners"} · {klass.trackCount} {klass.trackCount === 1 ? "track" : "tracks"} · code{" "}
                <span className="font-mono">{formatJoinCode(klass.joinCode)}</span>
                {!klass.myRole && " · you see it as an admin"}
              </p>
              <p className="mt-2 flex gap-4 text-sm">
                <Link href={`/teach/classes/${klass.id}`} className="text-indigo-700 underline dark:text-indigo-300">
                  Manage
                </Link>
                <Link href={`/teach/classes/${klass.id}/gradebook`} className="text-indigo-700 underline dark:text-indigo-300">
                  Gradebook
                </Link>
              </p>
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="new-class" className="max-w-xl space-y-3">
        <h2 id="new-class" className="text-lg font-medium">
          Create a class
        </h2>
        <CreateClassForm defaultTimeZone={settings.timeZone} timeZones={Intl.supportedValuesOf("timeZone")} />
      </section>
    </div>
  );
}
