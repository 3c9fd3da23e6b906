import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { formatCount, formatShare } from "@/lib/progress/format";
import { loadProgressSummary } from "@/lib/progress";
import { ensureCards } from "@/lib/review/cards";
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
  const [queue, summary] = await Promise.all([loadQueue(db, user.id, new Date(), { settings }), loadProgressSummary(db, user.id, settings)]);
  const left = queue.counts.new + queue.counts.learning + queue.counts.review;
  const month = summary.month;
  const reviewed = month.youngPass + month.youngFail + month.maturePass + month.matureFail;

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
      <section aria-labelledby="progress" className="rounded-xl border border-stone-200 bg-white p-6 dark:border-stone-800 dark:bg-stone-900">
        <h2 id="progress" className="text-lg font-medium">
          Your progress
        </h2>
        <dl className="mt-2 grid gap-x-6 gap-y-1 text-stone-700 sm:grid-cols-3 dark:text-stone-300" data-testid="progress-summary">
          <div>
            <dt className="text-sm text-stone-600 dark:text-stone-400">Reviewed today</dt>
            <dd className="text-lg font-medium tabular-nums">{formatCount(summary.reviewsToday)}</dd>
          </div>
          <div>
            <dt className="text-sm text-stone-600 dark:text-stone-400">Streak</dt>
            <dd className="text-lg font-medium tabular-nums">
              {summary.streak.days} {summary.streak.days === 1 ? "day" : "days"}
            </dd>
          </div>
          <div>
            <dt className="text-sm text-stone-600 dark:text-stone-400">True retention, last 30 days</dt>
            <dd className="text-lg font-medium tabular-nums">
              {formatShare(month.youngPass + month.maturePass, reviewed)}
              {reviewed > 0 && <span className="text-sm font-normal text-stone-600 dark:text-stone-400"> of {formatCount(reviewed)} reviews</span>}
            </dd>
          </div>
        </dl>
        <Link href="/progress" className="mt-4 inline-block font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300">
          See your progress: activity, memory and lab
        </Link>
      </section>
      <p className="text-sm">
        <Link href="/decks" className="underline">
          Browse the decks
        </Link>
      </p>
    </div>
  );
}
