import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, newCardMemory } from "./index";
import { buildDailyQueue, byNewCardOrder, type QueueCard } from "./queue";

const now = new Date("2026-12-01T12:00:00Z");
const card = (id: string, position: number, assignedDue?: Date | null): QueueCard => ({ id, deckSlug: "deck", position, memory: newCardMemory(now), suspended: false, assignedDue });

describe("the order new cards are introduced in", () => {
  it("cards of track items due soonest first, then assigned cards without a due date, then the rest in content order", () => {
    const cards = [
      card("plain-1", 0),
      card("later", 5, new Date("2026-12-09T00:00:00Z")),
      card("no-due", 1, null),
      card("sooner", 9, new Date("2026-12-03T00:00:00Z")),
      card("plain-0", -1),
      card("overdue", 7, new Date("2026-11-20T00:00:00Z")),
    ];
    expect([...cards].sort(byNewCardOrder).map((c) => c.id)).toEqual(["overdue", "sooner", "later", "no-due", "plain-0", "plain-1"]);
  });

  it("puts cards a failed lab submission brought back before all of them", () => {
    const cards = [card("assigned", 0, new Date("2026-12-02T00:00:00Z")), { ...card("lab", 9), labMissed: true }, card("plain", 1)];
    expect([...cards].sort(byNewCardOrder).map((c) => c.id)).toEqual(["lab", "assigned", "plain"]);
  });

  it("is a total order: antisymmetric and transitive over random cards", () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const cards = Array.from({ length: 40 }, (_, i) => {
      const r = random();
      return card(`c${i}`, Math.floor(random() * 10), r < 0.3 ? undefined : r < 0.5 ? null : new Date(now.getTime() + Math.floor(random() * 5) * 86_400_000));
    });
    for (const a of cards) for (const b of cards) expect(Math.sign(byNewCardOrder(a, b))).toBe(-Math.sign(byNewCardOrder(b, a)) || 0);
    const sorted = [...cards].sort(byNewCardOrder);
    for (let i = 1; i < sorted.length; i++) expect(byNewCardOrder(sorted[i - 1]!, sorted[i]!)).toBeLessThan(0);
  });

  it("the daily queue introduces the first of them", () => {
    const queue = buildDailyQueue({
      cards: [card("plain", 0), card("assigned", 3, new Date("2026-12-05T00:00:00Z"))],
      now,
      settings: DEFAULT_SETTINGS,
      doneToday: { newIntroduced: 0, reviewsDone: 0 },
    });
    expect(queue.next?.id).toBe("assigned");
  });
});
