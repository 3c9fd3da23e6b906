// For the memory-model spec: gives an account that just signed up a simulated history (240 days on a deck of 300
// synthetic notes, their memory unlike FSRS's defaults), as the app stores real reviews. The deck is retired at once,
// so accounts made later (other specs) do not study it. Usage: tsx e2e/support/seed-memory.ts <email>
import { createDb } from "@/lib/db/client";
import { SIMULATED_MEMORIES } from "@/lib/memory-model/simulated-learner";
import { createSimulatedLearner, createSyntheticDeck } from "@/lib/memory-model/testing";
import { bootDatabase, loadEnvironment } from "@/lib/server/boot";

async function main() {
  const email = process.argv[2];
  if (!email) throw new Error("Usage: tsx e2e/support/seed-memory.ts <email>");
  loadEnvironment(false);
  const database = await bootDatabase({ log: () => undefined });
  const db = createDb(database.databaseUrl, { max: 2 });
  try {
    const user = await db.user.findUniqueOrThrow({ where: { email: email.toLowerCase() }, select: { id: true } });
    const deckId = await createSyntheticDeck(db, 300, `e2e-memory-${Date.now()}`);
    await db.deck.update({ where: { id: deckId }, data: { retiredAt: new Date() } });
    await createSimulatedLearner(db, { email, userId: user.id, deckId, memory: SIMULATED_MEMORIES[0]!, days: 240, end: new Date("2026-06-01T12:00:00Z"), seed: 101, newPerDay: 10 });
  } finally {
    await db.$disconnect();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
