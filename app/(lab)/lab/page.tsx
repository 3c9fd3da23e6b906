import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { listDrafts } from "@/lib/lab/drafts";
import { labExercises } from "@/lib/lab/exercises/catalog";

export const metadata: Metadata = { title: "Lab" };

export default async function LabPage() {
  const user = await requireUser("/lab");
  const drafts = new Map((await listDrafts(getDb(), user.id)).map((d) => [d.exerciseId, d.updatedAt]));
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">Lab</h1>
        <p className="max-w-2xl text-stone-700 dark:text-stone-300">
          Implement real pieces of machine learning with TensorFlow.js. Your code runs against the tests on your own GPU, in
          your browser, and is graded test by test.
        </p>
      </header>
      <ol className="grid gap-4 sm:grid-cols-2" aria-label="Exercises">
        {labExercises().map((exercise) => (
          <li key={exercise.id} className="rounded-xl border border-stone-200 bg-white p-5 dark:border-stone-800 dark:bg-stone-900">
            <Link href={`/lab/${exercise.id}`} className="text-lg font-medium underline-offset-2 hover:underline">
              {exercise.title}
            </Link>
            <p className="mt-1 text-sm text-stone-600 dark:text-stone-400">
              {drafts.has(exercise.id) ? `Started — last saved ${drafts.get(exercise.id)!.toISOString().slice(0, 10)}` : "Not started"}
            </p>
            {exercise.notes.length > 0 && (
              <p className="mt-2 text-sm">
                Q&amp;A:{" "}
                {exercise.notes.map((note, i) => (
                  <span key={note.href}>
                    {i > 0 && ", "}
                    <Link href={note.href} className="underline">
                      Q{note.number}
                    </Link>
                  </span>
                ))}
              </p>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
