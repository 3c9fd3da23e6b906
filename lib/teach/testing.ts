// For teaching's integration tests: people with each role, a deck, and a class with a track, built through the
// domain's own functions (so a fixture is what the app would have made), on a real database.
import { createUser } from "@/lib/auth/accounts";
import type { CurrentUser } from "@/lib/auth/session";
import type { Db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import { addCoInstructor, createClass, joinClass } from "./classes";
import { addTrackItem, createTrack } from "./tracks";

export async function makeUser(db: Db, email: string, role: Role = "LEARNER", name: string | null = null): Promise<CurrentUser> {
  const created = await createUser(db, { email, name });
  if (created.role !== role) await db.user.update({ where: { id: created.id }, data: { role } });
  return { id: created.id, email: created.email, name, role };
}

/** A shared deck (as content/ would make) with `notes` notes Q1..Qn. */
export async function makeDeck(db: Db, slug: string, notes: number) {
  const deck = await db.deck.create({ data: { slug, title: `Deck ${slug}`, tags: [], sourcePath: `content/${slug}.md`, contentHash: slug } });
  await db.note.createMany({
    data: Array.from({ length: notes }, (_, i) => ({ deckId: deck.id, number: i + 1, position: i, question: `${slug} Q${i + 1}?`, answerMarkdown: "a", answerHtml: "<p>a</p>", sourceLine: i + 1 })),
  });
  return deck;
}

/** A class owned by `owner`, with a co-instructor and learners, and a track with a review item and a lab item. */
export async function makeClass(
  db: Db,
  people: { owner: CurrentUser; coInstructor?: CurrentUser; learners?: CurrentUser[] },
  options: { deckId: string; exerciseId?: string; due?: string | null; name?: string; timeZone?: string },
) {
  const created = await createClass(db, people.owner, { name: options.name ?? "ML 101", description: "", timeZone: options.timeZone ?? "Europe/Paris" });
  if (people.coInstructor) await addCoInstructor(db, people.owner, created.id, people.coInstructor.email);
  for (const learner of people.learners ?? []) await joinClass(db, learner, created.joinCode);
  const track = await createTrack(db, people.owner, created.id, { title: "Week 1", description: "" });
  const review = await addTrackItem(db, people.owner, track.id, { kind: "review", deckId: options.deckId, noteNumbers: [], goal: "studied", due: options.due ?? null });
  const lab = await addTrackItem(db, people.owner, track.id, { kind: "lab", exerciseId: options.exerciseId ?? "kl-divergence", passPercent: 100, due: options.due ?? null });
  return { id: created.id, joinCode: created.joinCode, trackId: track.id, reviewItemId: review.id, labItemId: lab.id };
}
