import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { ensureCards } from "@/lib/review/cards";
import { reviewActivity } from "@/lib/review/history";
import { loadQueue } from "@/lib/review/queue";
import { getReviewSettings } from "@/lib/review/settings";

function Welcome() {
  return (
    <div className="space-y-8">
      <section className="space-y-3">
        <h1 className="text-3xl font-semibold tracking-tight">Learn machine learning, one day at a time.</h1>
        <p className="max-w-2xl text-lg text-stone-700 dark:text-stone-300">
          Latent turns questions and answers about ML into flashcards that schedule themselves, and lets you implement the
          pieces — KL divergence, a WGAN critic loss, a training step — graded on your own GPU.
        </p>
      </section>
      <div className="flex flex-wrap gap-3">
        <Link href="/signup" className="rounded-md bg-indigo-700 px-4 py-2 font-medium text-white hover:bg-indigo-800">
          Create an account
        </Link>
        <Link href="/signin" className="rounded-md border border-stone-300 px-4 py-2 font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800">
          Sign in
        </Link>
      </div>
    </div>
  );
}

export default async function HomePage() {
  const user = await getCurrentUser();
  if (!user) return <Welcome />;
  const db = getDb();
  await ensureCards(db, user.id);
  const settings = await getReviewSettings(db, user.id);
  const [queue, activity] = await Promise.all([loadQueue(db, user.id, new Date(), { settings }), reviewActivity(db, user.id, settings)]);
  const left = queue.counts.new + queue.counts.learning + queue.counts.review;
  const total = activity.reduce((sum, day) => sum + day.reviews, 0);
  const max = Math.max(1, ...activity.map((day) => day.reviews));

  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">Welcome back{user.name ? `, ${user.name}` : ""}</h1>
      <section aria-labelledby="today" className="rounded-xl border border-stone-200 bg-white p-6 dark:border-stone-800 dark:bg-stone-900">
        <h2 id="today" className="text-lg font-medium">
          Today
        </h2>
        {left > 0 ? (
          <>
            <p className="mt-1 text-stone-700 dark:text-stone-300" data-testid="today-summary">
              {queue.counts.new} new, {queue.counts.learning} learning and {queue.counts.review} to review.
            </p>
            <Link href="/review" className="mt-4 inline-block rounded-md bg-indigo-700 px-4 py-2 font-medium text-white hover:bg-indigo-800">
              Start review
            </Link>
          </>
        ) : (
          <p className="mt-1 text-stone-700 dark:text-stone-300" data-testid="today-summary">
            Nothing left to review today.
          </p>
        )}
      </section>
      <section aria-labelledby="activity" className="space-y-3">
        <h2 id="activity" className="text-lg font-medium">
          Last 14 days: {total} {total === 1 ? "answer" : "answers"}
        </h2>
        <ol className="flex h-24 items-end gap-1" aria-label="Answers per day">
          {activity.map((day) => (
            <li key={day.day} className="flex-1" title={`${day.day}: ${day.reviews} answers, ${day.again} forgotten`}>
              <span className="sr-only">
                {day.day}: {day.reviews} answers
              </span>
              <div className="rounded-t bg-indigo-600 dark:bg-indigo-400" style={{ height: `${Math.max(2, (day.reviews / max) * 96)}px`, opacity: day.reviews ? 1 : 0.2 }} />
            </li>
          ))}
        </ol>
      </section>
      <p className="text-sm">
        <Link href="/decks" className="underline">
          Browse the decks
        </Link>
      </p>
    </div>
  );
}
