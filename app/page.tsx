import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/session";

export default async function HomePage() {
  const user = await getCurrentUser();
  return (
    <div className="space-y-8">
      <section className="space-y-3">
        <h1 className="text-3xl font-semibold tracking-tight">Learn machine learning, one day at a time.</h1>
        <p className="max-w-2xl text-lg text-stone-700 dark:text-stone-300">
          Latent turns questions and answers about ML into flashcards that schedule themselves, and lets you implement the
          pieces — KL divergence, a WGAN critic loss, a training step — graded on your own GPU.
        </p>
      </section>
      {user ? (
        <Link href="/decks" className="inline-block rounded-md bg-indigo-700 px-4 py-2 font-medium text-white hover:bg-indigo-800">
          Browse decks
        </Link>
      ) : (
        <div className="flex flex-wrap gap-3">
          <Link href="/signup" className="rounded-md bg-indigo-700 px-4 py-2 font-medium text-white hover:bg-indigo-800">
            Create an account
          </Link>
          <Link href="/signin" className="rounded-md border border-stone-300 px-4 py-2 font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800">
            Sign in
          </Link>
        </div>
      )}
    </div>
  );
}
