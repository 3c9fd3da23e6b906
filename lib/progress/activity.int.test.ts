import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "@/lib/db/testing";
import { answerCard, undoLastReview } from "@/lib/review/answer";
import { studyDay } from "@/lib/srs";
import { answers, loadActivity, type Tally } from "./activity";
import { addDays } from "./days";
import { studyDayGridSql, studyDaySql, studyDayStartsSql } from "./sql";
import { createDatabaseWithDecks, createLearner, writeLogs } from "./testing";

let t: TestDatabase;
let deckA: string;
let deckB: string;
beforeAll(async () => {
  const made = await createDatabaseWithDecks({ a: 10, b: 5 });
  [t, deckA, deckB] = [made.t, made.deckIds.a!, made.deckIds.b!];
});
afterAll(async () => t.drop());

const at = (iso: string) => new Date(iso);
const ZERO: Tally = { learnPass: 0, learnFail: 0, relearnPass: 0, relearnFail: 0, youngPass: 0, youngFail: 0, maturePass: 0, matureFail: 0, ms: 0 };

async function activityOf(userId: string, timeZone: string, rolloverHour: number, now: Date, deckId: string | null = null) {
  const today = studyDay(now, timeZone, rolloverHour).key;
  return loadActivity(t.db, { userId, timeZone, rolloverHour, today, now, deckId });
}

describe("study days in SQL", () => {
  const zones = ["America/New_York", "Europe/Berlin", "Australia/Sydney", "Australia/Lord_Howe", "Asia/Kolkata", "America/St_Johns", "Pacific/Chatham", "UTC"];
  const rollovers = [0, 1, 2, 3, 4, 23];

  it("start each day of 2026 where lib/srs's studyDay does, DST changes included, in several zones and rollover hours", async () => {
    for (const timeZone of zones) {
      for (const rolloverHour of rollovers) {
        const { rows } = await t.db.pool.query<{ day: string; start: string }>(
          `SELECT day::text, to_char(start, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS start FROM (${studyDayStartsSql("'2026-01-01'::date", "'2026-12-31'::date", "$1", "$2::int")}) s ORDER BY day`,
          [timeZone, rolloverHour],
        );
        const expected = rows.map((row) => {
          // Noon on that local date is inside its study day whatever the rollover hour; its start is the day's start.
          const day = studyDay(new Date(`${row.day}T12:00:00Z`), timeZone, rolloverHour);
          const local = day.key === row.day ? day : studyDay(new Date(day.key < row.day ? day.end : day.start.getTime() - 1), timeZone, rolloverHour);
          return { day: local.key, start: local.start.toISOString() };
        });
        expect(rows, `${timeZone}, rollover ${rolloverHour}`).toEqual(expected);
      }
    }
  });

  it("put random instants in the study day lib/srs's studyDay gives them, by the study day grid and one by one", async () => {
    // Instants spread over 2026, and dense around the 2026 DST changes of New York, Berlin and Sydney.
    const centres = ["2026-03-08T07:00:00Z", "2026-11-01T06:00:00Z", "2026-03-29T01:00:00Z", "2026-10-25T01:00:00Z", "2026-04-04T16:00:00Z", "2026-10-03T16:00:00Z"];
    const instants: Date[] = [];
    for (let i = 0; i < 300; i++) instants.push(new Date(Date.UTC(2026, 0, 1) + Math.floor(Math.random() * 365 * 86_400_000)));
    for (const centre of centres) for (let m = -36 * 60; m <= 36 * 60; m += 17) instants.push(new Date(at(centre).getTime() + m * 60_000));
    for (const timeZone of zones) {
      for (const rolloverHour of rollovers) {
        const { rows } = await t.db.pool.query<{ byGrid: string; byRow: string }>(
          `WITH grid AS (${studyDayGridSql("'2025-12-30'::date", "'2027-01-02'::date", "$2", "$3::int")})
           SELECT (grid.first + width_bucket(x, grid.starts) - 1)::text AS "byGrid", ${studyDaySql("x", "$2", "$3::int")}::text AS "byRow"
           FROM grid, unnest($1::timestamp[]) WITH ORDINALITY AS u(x, i) ORDER BY i`,
          [instants.map((d) => d.toISOString().replace("Z", "")), timeZone, rolloverHour],
        );
        const days = instants.map((d) => studyDay(d, timeZone, rolloverHour));
        expect(rows.map((r) => r.byRow), `${timeZone}, rollover ${rolloverHour}`).toEqual(days.map((day) => day.key));
        // By the grid, a day runs from its start to the next day's start. studyDay's key differs only when a clock
        // falls back across the rollover hour (Chatham at 03:45 → 02:45, rollover 3): its key then returns to the
        // previous day for 15 minutes after that day has ended; the grid keeps them in the day that has begun.
        const contiguous = instants.map((d, i) => (d < days[i]!.end ? days[i]!.key : addDays(days[i]!.key, 1)));
        expect(rows.map((r) => r.byGrid), `${timeZone}, rollover ${rolloverHour}`).toEqual(contiguous);
      }
    }
  });
});

describe("loadActivity", () => {
  it("counts answers per study day in New York with a 4 a.m. rollover, across the spring DST change", async () => {
    const ny = await createLearner(t.db, "ny@example.com", { timeZone: "America/New_York", rolloverHour: 4 });
    const other = await createLearner(t.db, "other@example.com", { timeZone: "America/New_York", rolloverHour: 4 });
    const [c1, c2, c3, c4, c5] = ny.cards.filter((c) => c.note.deckId === deckA);
    const inB = ny.cards.find((c) => c.note.deckId === deckB)!;
    await writeLogs(t.db, ny.id, [
      // Today, 2026-03-10 (EDT): 10:00 local.
      { cardId: c1!.id, review: at("2026-03-10T14:00:00Z"), state: 0, rating: 3, durationMs: 4000 },
      { cardId: c2!.id, review: at("2026-03-10T14:05:00Z"), state: 2, scheduledDays: 20, rating: 2, durationMs: 6000 },
      { cardId: c3!.id, review: at("2026-03-10T14:06:00Z"), state: 2, scheduledDays: 21, rating: 1, durationMs: 10_000 },
      { cardId: c4!.id, review: at("2026-03-10T14:07:00Z"), state: 2, scheduledDays: 400, rating: 4, durationMs: 2000 },
      { cardId: inB.id, review: at("2026-03-10T14:08:00Z"), state: 2, scheduledDays: 3, rating: 3, durationMs: 1000 },
      // Not reviews: a reset and a lab reschedule.
      { cardId: c5!.id, review: at("2026-03-10T14:09:00Z"), kind: "RESET" },
      { cardId: c5!.id, review: at("2026-03-10T14:10:00Z"), kind: "LAB", reason: "lab" },
      // 03:59 EDT on the 10th is still the study day of the 9th; 04:00 EDT on the 9th starts it.
      { cardId: c1!.id, review: at("2026-03-10T07:59:00Z"), state: 1, rating: 1 },
      { cardId: c5!.id, review: at("2026-03-09T08:00:00Z"), state: 3, rating: 3 },
      // Clocks spring forward on 2026-03-08 at 02:00 EST: 03:30 EST on the 7th (08:30Z) belongs to the 6th,
      // 04:30 EST (09:30Z) to the 7th, 03:30 EDT on the 8th (07:30Z) to the 7th, 04:30 EDT (08:30Z) to the 8th.
      { cardId: c1!.id, review: at("2026-03-07T08:30:00Z"), state: 2, scheduledDays: 2, rating: 3 },
      { cardId: c2!.id, review: at("2026-03-07T09:30:00Z"), state: 2, scheduledDays: 2, rating: 1 },
      { cardId: c3!.id, review: at("2026-03-08T07:30:00Z"), state: 2, scheduledDays: 30, rating: 3 },
      { cardId: c4!.id, review: at("2026-03-08T08:30:00Z"), state: 2, scheduledDays: 30, rating: 3 },
      // The week is today and the 6 days before (from the 4th); the 3rd is in the month only.
      { cardId: c1!.id, review: at("2026-03-04T15:00:00Z"), state: 2, scheduledDays: 5, rating: 3 },
      { cardId: c2!.id, review: at("2026-03-03T15:00:00Z"), state: 2, scheduledDays: 5, rating: 1 },
      // The year is the last 365 study days: 2025-03-11 is in it, 2025-03-10 is not.
      { cardId: c3!.id, review: at("2025-03-11T15:00:00Z"), state: 0, rating: 3 },
      { cardId: c4!.id, review: at("2025-03-10T15:00:00Z"), state: 0, rating: 3 },
    ]);
    await writeLogs(t.db, other.id, [{ cardId: other.cards[0]!.id, review: at("2026-03-10T14:00:00Z"), state: 0, rating: 3 }]);

    const now = at("2026-03-10T15:00:00Z");
    const activity = await activityOf(ny.id, "America/New_York", 4, now);
    expect(activity.days.map((d) => [d.day, answers(d)])).toEqual([
      ["2025-03-10", 1],
      ["2025-03-11", 1],
      ["2026-03-03", 1],
      ["2026-03-04", 1],
      ["2026-03-06", 1],
      ["2026-03-07", 2],
      ["2026-03-08", 1],
      ["2026-03-09", 2],
      ["2026-03-10", 5],
    ]);
    const todayTally = { ...ZERO, learnPass: 1, youngPass: 2, matureFail: 1, maturePass: 1, ms: 23_000 };
    expect(activity.days.at(-1)).toEqual({ day: "2026-03-10", ...todayTally });
    expect(activity.periods.today).toEqual({ period: "today", daysStudied: 1, ...todayTally });
    expect(activity.periods.yesterday).toEqual({ period: "yesterday", daysStudied: 1, ...ZERO, learnFail: 1, relearnPass: 1 });
    const week = activity.periods.week;
    expect([week.daysStudied, answers(week), week.youngPass, week.youngFail, week.maturePass]).toEqual([6, 12, 4, 1, 3]);
    expect([activity.periods.month.daysStudied, answers(activity.periods.month), activity.periods.month.youngFail]).toEqual([7, 13, 2]);
    expect([activity.periods.year.daysStudied, answers(activity.periods.year), activity.periods.year.learnPass]).toEqual([8, 14, 2]);
    expect([activity.periods.all.daysStudied, answers(activity.periods.all), activity.periods.all.learnPass]).toEqual([9, 15, 3]);

    // One deck: the other deck's review is left out.
    const onlyA = await activityOf(ny.id, "America/New_York", 4, now, deckA);
    expect(onlyA.periods.today).toEqual({ period: "today", daysStudied: 1, ...todayTally, youngPass: 1, ms: 22_000 });
    expect(answers(onlyA.periods.all)).toBe(14);
    const onlyB = await activityOf(ny.id, "America/New_York", 4, now, deckB);
    expect(onlyB.days).toEqual([{ day: "2026-03-10", ...ZERO, youngPass: 1, ms: 1000 }]);

    // The same log read with another rollover hour and zone moves answers between days.
    const utc = await activityOf(ny.id, "UTC", 0, now);
    expect(utc.days.find((d) => d.day === "2026-03-08")).toMatchObject({ matureFail: 0, maturePass: 2 });
  });

  it("keeps the 25-hour study day of the autumn change together in Berlin (midnight rollover)", async () => {
    const berlin = await createLearner(t.db, "berlin@example.com", { timeZone: "Europe/Berlin", rolloverHour: 0 });
    const card = berlin.cards[0]!.id;
    // 2026-10-25 runs from 00:00 CEST (22:00Z on the 24th) to 24:00 CET (23:00Z on the 25th).
    await writeLogs(t.db, berlin.id, [
      { cardId: card, review: at("2026-10-24T21:59:00Z"), state: 0 },
      { cardId: card, review: at("2026-10-24T22:30:00Z"), state: 1 },
      { cardId: card, review: at("2026-10-25T22:30:00Z"), state: 1 },
      { cardId: card, review: at("2026-10-25T23:30:00Z"), state: 2 },
    ]);
    const activity = await activityOf(berlin.id, "Europe/Berlin", 0, at("2026-10-26T12:00:00Z"));
    expect(activity.days.map((d) => [d.day, answers(d)])).toEqual([
      ["2026-10-24", 1],
      ["2026-10-25", 2],
      ["2026-10-26", 1],
    ]);
  });

  it("counts answers written by the review screen, and an undone answer not at all", async () => {
    const ada = await createLearner(t.db, "ada@example.com", { timeZone: "UTC", rolloverHour: 4 }, at("2026-11-01T00:00:00Z"));
    const now = at("2026-11-24T12:00:00Z");
    for (const [i, rating] of ([1, 3, 3] as const).entries()) {
      await answerCard(t.db, ada.id, { cardId: ada.cards[i]!.id, version: 0, rating, durationMs: 1500 }, new Date(now.getTime() + i * 1000));
    }
    await undoLastReview(t.db, ada.id);
    const activity = await activityOf(ada.id, "UTC", 4, at("2026-11-24T13:00:00Z"));
    expect(activity.days).toEqual([{ day: "2026-11-24", ...ZERO, learnPass: 1, learnFail: 1, ms: 3000 }]);
    // Nothing before the learner's first answer, and no future: the periods are zero, not missing.
    const before = await activityOf(ada.id, "UTC", 4, at("2026-11-20T12:00:00Z"));
    expect(before.days).toEqual([]);
    expect(before.periods.all).toEqual({ period: "all", daysStudied: 0, ...ZERO });
  });
});
