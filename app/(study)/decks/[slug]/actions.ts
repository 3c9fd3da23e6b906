"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { setDeckStudied } from "@/lib/review/cards";

const input = z.object({ deckId: z.string().min(1).max(64), slug: z.string().min(1).max(200), studied: z.enum(["true", "false"]) });

export async function toggleDeckStudy(form: FormData): Promise<void> {
  const user = await requireUser("/decks");
  const parsed = input.safeParse(Object.fromEntries(form));
  if (!parsed.success) return;
  await setDeckStudied(getDb(), user.id, parsed.data.deckId, parsed.data.studied === "true");
  revalidatePath(`/decks/${parsed.data.slug}`);
  revalidatePath("/review");
}
