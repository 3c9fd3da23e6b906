import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { listDecks } from "@/lib/content/decks";
import { getDb } from "@/lib/db";

export const metadata: Metadata = { title: "Decks" };

export default async function DecksPage() {
  const user = await requireUser("/decks");
  const decks = await listDecks(getDb(), user.id);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Decks</h1>
      {decks.length === 0 ? (
        <p className="text-stone-700 dark:text-stone-300">No decks yet. Add a markdown file to content/ and run npm run content:import.</p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2" aria-label="Decks">
          {decks.map((deck) => (
            <li key={deck.id}>
              <Link
                href={`/decks/${deck.slug}`}
                className="block rounded-xl border border-stone-200 bg-white p-5 shadow-sm hover:border-indigo-400 dark:border-stone-800 dark:bg-stone-900"
              >
                <h2 className="text-lg font-medium">{deck.title}</h2>
                <p className="mt-1 text-sm text-stone-600 dark:text-stone-400" data-testid="deck-note-count">
                  {deck.noteCount} {deck.noteCount === 1 ? "note" : "notes"}
                </p>
                {deck.className && <p className="mt-1 text-sm text-stone-600 dark:text-stone-400">Class deck · {deck.className}</p>}
                {deck.tags.length > 0 && (
                  <ul className="mt-3 flex flex-wrap gap-1.5" aria-label="Tags">
                    {deck.tags.map((tag) => (
                      <li key={tag} className="rounded-full bg-stone-100 px-2 py-0.5 text-xs text-stone-700 dark:bg-stone-800 dark:text-stone-300">
                        {tag}
                      </li>
                    ))}
                  </ul>
                )}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
