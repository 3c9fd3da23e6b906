import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Breadcrumb } from "@/app/_components/breadcrumb";
import { getCurrentUser, requireUser } from "@/lib/auth/session";
import { getNote } from "@/lib/content/decks";
import { getDb } from "@/lib/db";
import { findCardIds } from "@/lib/review/card-info";
import { NoteTitle } from "../../../../_components/note-title";

type Props = { params: Promise<{ slug: string; number: string }> };

async function load(params: Props["params"]) {
  const { slug, number } = await params;
  const n = /^\d{1,6}$/.test(number) ? Number(number) : NaN;
  // A class deck's notes exist only for the class's members.
  const userId = (await getCurrentUser())?.id ?? "";
  return { slug, note: Number.isNaN(n) || !userId ? null : await getNote(getDb(), slug, n, userId) };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { note } = await load(params);
  return { title: note ? `Q${note.number}. ${note.question}` : "Note not found" };
}

export default async function NotePage({ params }: Props) {
  const { slug, number } = await params;
  const user = await requireUser(`/decks/${slug}/notes/${number}`);
  const { note } = await load(params);
  if (!note) notFound();
  const cards = await findCardIds(getDb(), user.id, note.id);
  return (
    <article className="space-y-6">
      <Breadcrumb
        trail={[
          { href: "/decks", label: "Decks" },
          { href: `/decks/${note.deck.slug}`, label: note.deck.title },
        ]}
      />
      <NoteTitle number={note.number} question={note.question} />
      {/* answerHtml was rendered from markdown and sanitized at import (lib/content/render.ts). */}
      <div className="prose-answer" data-testid="answer" dangerouslySetInnerHTML={{ __html: note.answerHtml }} />
      {cards.length === 1 && (
        <p className="text-sm">
          <Link href={`/review/cards/${cards[0]!.id}`} className="underline">
            Your card: its history and how likely you are to recall it now
          </Link>
        </p>
      )}
      {cards.length > 1 && (
        <p className="flex flex-wrap gap-x-3 text-sm">
          <span>Your cards, their history and how likely you are to recall each now:</span>
          {cards.map((card) => (
            <Link key={card.id} href={`/review/cards/${card.id}`} className="underline">
              c{card.ordinal}
            </Link>
          ))}
        </p>
      )}
      <nav aria-label="Other notes" className="flex justify-between gap-4 border-t border-stone-200 pt-4 text-sm dark:border-stone-800">
        {note.previous ? (
          <Link href={`/decks/${note.deck.slug}/notes/${note.previous.number}`} className="underline" rel="prev">
            ← Q{note.previous.number}
          </Link>
        ) : (
          <span />
        )}
        {note.next && (
          <Link href={`/decks/${note.deck.slug}/notes/${note.next.number}`} className="underline" rel="next">
            Q{note.next.number} →
          </Link>
        )}
      </nav>
    </article>
  );
}
