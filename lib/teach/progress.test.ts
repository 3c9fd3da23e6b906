import { describe, expect, it } from "vitest";
import { emptyCell, isReached, itemStatus, type LabCell, type ReviewCell } from "./progress";

const now = new Date("2026-12-10T12:00:00Z");
const past = new Date("2026-12-05T12:00:00Z");
const future = new Date("2026-12-20T12:00:00Z");
const review = (cell: Partial<ReviewCell>): ReviewCell => ({ ...(emptyCell("review") as ReviewCell), total: 4, ...cell });
const lab = (cell: Partial<LabCell>): LabCell => ({ ...(emptyCell("lab") as LabCell), ...cell });

describe("an item's status", () => {
  it("review items reach their goal when every card meets it; an empty item never does", () => {
    expect(isReached({ id: "r", kind: "review", goal: "studied", dueAt: null }, review({ studied: 4, mastered: 1 }))).toBe(true);
    expect(isReached({ id: "r", kind: "review", goal: "mastered", dueAt: null }, review({ studied: 4, mastered: 3 }))).toBe(false);
    expect(isReached({ id: "r", kind: "review", goal: "studied", dueAt: null }, review({ total: 0 }))).toBe(false);
  });

  it("open or done without a due date; on time once reached before it; late when not reached by it", () => {
    const item = { id: "r", kind: "review" as const, goal: "studied" as const };
    expect(itemStatus({ ...item, dueAt: null }, review({ studied: 4 }), now)).toBe("done");
    expect(itemStatus({ ...item, dueAt: null }, review({ studied: 1 }), now)).toBe("open");
    expect(itemStatus({ ...item, dueAt: future }, review({ studied: 4 }), now)).toBe("on-time");
    expect(itemStatus({ ...item, dueAt: future }, review({ studied: 3 }), now)).toBe("open");
    expect(itemStatus({ ...item, dueAt: past }, review({ studied: 3, metAtDue: 4 }), now)).toBe("on-time");
    expect(itemStatus({ ...item, dueAt: past }, review({ studied: 4, metAtDue: 3 }), now)).toBe("late");
  });

  it("lab items: on time when first passed by the due instant (inclusive), else late", () => {
    const item = { id: "l", kind: "lab" as const, goal: null };
    expect(itemStatus({ ...item, dueAt: past }, lab({ firstPassedAt: past, attempts: 1 }), now)).toBe("on-time");
    expect(itemStatus({ ...item, dueAt: past }, lab({ firstPassedAt: new Date(past.getTime() + 1), attempts: 1 }), now)).toBe("late");
    expect(itemStatus({ ...item, dueAt: past }, lab({ attempts: 3 }), now)).toBe("late");
    expect(itemStatus({ ...item, dueAt: null }, lab({ firstPassedAt: past }), now)).toBe("done");
  });
});
