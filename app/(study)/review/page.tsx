import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { ensureCards } from "@/lib/review/cards";
import { loadQueue } from "@/lib/review/queue";
import { readReviewSettings } from "@/lib/review/settings";
import { ReviewSession } from "./review-session";

export const metadata: Metadata = { title: "Review" };

export default async function ReviewPage() {
  const user = await requireUser("/review");
  const db = getDb();
  await ensureCards(db, user.id);
  const { settings, problems } = await readReviewSettings(db, user.id);
  const queue = await loadQueue(db, user.id, new Date(), { settings });
  const settingsProblems = Object.entries(problems ?? {}).map(([field, message]) => ({ field, message: message ?? "" }));
  return <ReviewSession initial={queue} settingsProblems={settingsProblems} />;
}
