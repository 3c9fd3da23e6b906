import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Breadcrumb } from "@/app/_components/breadcrumb";
import { getCurrentUser, requireUser } from "@/lib/auth/session";
import { getDeck } from "@/lib/content/decks";
import { isDeckStudied } from "@/lib/review/cards";
import { toggleDeckStudy } from "./actions";
import { getDb } from "@/lib/db";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const user = await getCurrentUser();
  const deck = user ? await getDeck(getDb(), (await params).slug, user.id) : null;
  return { title: deck?.title ?? "Deck" };
}

export default async function DeckPage({ params }: Props) {
  const { slug } = await params;
  const user = await requireUser(`/decks/${slug}`);
  const deck = await getDeck(getDb(), slug, user.id);
  if (!deck) notFound();
  const studied = await isDeckStudied(getDb(), user.id, deck.id);
  return (
    <div className="space-y-6">
      <Breadcrumb trail={[{ href: "/decks", label: "Decks" }]} />
      <header>
        <h1 className="text-2xl font-semibold">{deck.title}</h1>
        <p className="mt-1 text-stone-600 dark:text-stone-400">
          {deck.notes.length} notes{deck.class && <> · a deck of the class {deck.class.name}</>}
        </p>
        <form action={toggleDeckStudy} className="mt-3 flex items-center gap-3 text-sm">
          <input type="hidden" name="deckId" value={deck.id} />
          <input type="hidden" name="slug" value={deck.slug} />
          <input type="hidden" name="studied" value={studied ? "false" : "true"} />
          <span className="text-stone-700 dark:text-stone-300">{studied ? "Its cards are in your daily review." : "Not in your daily review."}</span>
          <button type="submit" className="rounded-md border border-stone-300 px-3 py-1 hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800">
            {studied ? "Stop studying" : "Study this deck"}
          </button>
        </form>
      </header>
      <ol className="divide-y divide-stone-200 rounded-xl border border-stone-200 bg-white dark:divide-stone-800 dark:border-stone-800 dark:bg-stone-900" aria-label="Notes">
        {deck.notes.map((note) => (
          <li key={note.id}>
            <Link href={`/decks/${deck.slug}/notes/${note.number}`} className="flex gap-3 px-4 py-3 hover:bg-stone-50 dark:hover:bg-stone-800">
              <span className="w-10 shrink-0 font-mono text-sm text-stone-500 dark:text-stone-400">Q{note.number}</span>
              <span>{note.question}</span>
            </Link>
          </li>
        ))}
      </ol>
    </div>
  );
}
