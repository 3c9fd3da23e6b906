// The review load both bench:review and bench:cluster apply: every learner answers its due cards as fast as it can,
// `POST /api/review/answer` with a random rating, using the next card the response returns (one round trip per
// review). Latency is per answer request, measured by the client.
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db/client";
import { studySharedDecks } from "@/lib/content/decks";
import { ensureCards } from "@/lib/review/cards";
import type { HttpResponse } from "./http";
import { percentile } from "./http";

type Request = (method: string, url: string, options?: { body?: string; headers?: Record<string, string> }) => Promise<HttpResponse>;
export type HttpLearner = { email: string; cookie: string; card: { id: string; version: number } | null };
export type LoadResult = { reviews: number; errors: number; perSecond: number; p50: number; p95: number; p99: number };

/** Reviews of several slices of one load, summed (bench:review interleaves HTTP and the floor in slices). */
export type Tally = { latencies: number[]; errors: number; seconds: number };

export const emptyTally = (): Tally => ({ latencies: [], errors: 0, seconds: 0 });

export function summarizeTally(tally: Tally): LoadResult {
  const latencies = [...tally.latencies].sort((a, b) => a - b);
  return { reviews: latencies.length, errors: tally.errors, perSecond: latencies.length / tally.seconds, p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99) };
}

/** Adds one slice's latencies, errors and duration to `tally`. */
export function addToTally(tally: Tally, latencies: number[], errors: number, started: number): void {
  tally.latencies.push(...latencies);
  tally.errors += errors;
  tally.seconds += (performance.now() - started) / 1000;
}

export async function answerForSeconds(request: Request, learners: HttpLearner[], seconds: number, tally?: Tally): Promise<LoadResult> {
  const nextCard = async (learner: HttpLearner) => {
    const res = await request("GET", "/api/review/queue", { headers: { cookie: learner.cookie } });
    learner.card = (JSON.parse(res.body) as { card: HttpLearner["card"] }).card;
  };
  for (const learner of learners) await nextCard(learner);
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    learners.map(async (learner) => {
      while (performance.now() < deadline && learner.card) {
        const rating = 1 + Math.floor(Math.random() * 4);
        const started = performance.now();
        const res = await request("POST", "/api/review/answer", {
          body: JSON.stringify({ cardId: learner.card.id, version: learner.card.version, rating, durationMs: 4000 }),
          headers: { "content-type": "application/json", cookie: learner.cookie },
        });
        latencies.push(performance.now() - started);
        if (res.status !== 200) {
          errors++;
          await nextCard(learner);
          continue;
        }
        learner.card = (JSON.parse(res.body) as { queue: { card: HttpLearner["card"] } }).queue.card;
      }
    }),
  );
  if (tally) addToTally(tally, latencies, errors, started);
  return summarize(latencies, errors, started);
}

export function summarize(latencies: number[], errors: number, started: number): LoadResult {
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { reviews: latencies.length, errors, perSecond: latencies.length / elapsed, p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99) };
}

/** `count` learners who study every deck (new cards unlimited, so they never run out), all with `password`: `<prefix>-<i>@example.com`. */
export async function seedReviewers(db: Db, count: number, password: string, prefix = "bench") {
  const passwordHash = await hashPassword(password);
  const emails: string[] = [];
  const userIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const email = `${prefix}-${i}@example.com`;
    const user = await db.user.create({ data: { email, passwordHash } });
    await studySharedDecks(db, user.id);
    await db.srsSettings.create({
      data: { userId: user.id, desiredRetention: 0.9, newPerDay: 9999, maxReviewsPerDay: 99999, learningSteps: "1m 10m", relearningSteps: "10m", maximumInterval: 36500, enableFuzz: true, rolloverHour: 4, timeZone: "UTC" },
    });
    await ensureCards(db, user.id);
    emails.push(email);
    userIds.push(user.id);
  }
  return { emails, userIds };
}
