// The gradebook's numbers on a class whose history is known exactly: studied / mastered / recall per review item,
// on time or late from the review log at the due instant, and lab grades from stored server submissions; the CSV
// carries the same numbers. Real PostgreSQL; the history is written as the review and lab code would write it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/session";
import type { TestDatabase } from "@/lib/db/testing";
import { createJobTestDatabase, startTestWorker, waitForJob } from "@/lib/jobs/testing";
import { task } from "@/lib/jobs/runner";
import { keepDueJob, runKeepDue } from "./jobs";
import { answerCard, undoLastReview } from "@/lib/review/answer";
import { joinClass } from "./classes";
import { parseCsv } from "./csv";
import { gradebookCsv, loadGradebook, type GradebookRow } from "./gradebook";
import { learnerReport, myTracks } from "./learners";
import type { LabCell, ReviewCell } from "./progress";
import { makeClass, makeDeck, makeUser } from "./testing";
import { addTrackItem, createTrack, deleteTrack, removeTrackItem, updateTrackItem } from "./tracks";

let t: TestDatabase;
let owner: CurrentUser;
let learners: Record<"ada" | "bob" | "cy" | "dee", CurrentUser>;
let klass: Awaited<ReturnType<typeof makeClass>>;
let items: { r1: string; l1: string; r2: string; l2: string; l3: string };
let week2: string;
const now = new Date("2026-12-10T12:00:00Z");
const due = "2026-12-05T18:00"; // Europe/Paris: 17:00 UTC
const at = (iso: string) => new Date(iso);

async function cardOf(user: CurrentUser, number: number, deck = "ml") {
  return t.db.card.findFirstOrThrow({ where: { userId: user.id, note: { number, deck: { slug: deck } } } });
}

/** A rating as lib/review writes it: the log keeps the card's state *before*; the card gets its state after. */
async function rate(user: CurrentUser, number: number, when: string, rating: number, before: { state: number; stability: number }, kind: "RATING" | "RESET" | "LAB" = "RATING", deck = "ml") {
  const card = await cardOf(user, number, deck);
  await t.db.reviewLog.create({
    data: {
      cardId: card.id,
      userId: user.id,
      kind,
      rating: kind === "RATING" ? rating : null,
      state: before.state,
      due: at(when),
      stability: before.stability,
      difficulty: 5,
      elapsedDays: 0,
      lastElapsedDays: 0,
      scheduledDays: 0,
      learningSteps: 0,
      review: at(when),
      prevDue: at(when),
      prevReps: 0,
      prevLapses: 0,
      cardVersion: 1,
      studyDay: new Date(`${at(when).toISOString().slice(0, 10)}T00:00:00Z`),
    },
  });
}
const setCard = async (user: CurrentUser, number: number, state: number, stability: number, deck = "ml") =>
  t.db.card.update({ where: { id: (await cardOf(user, number, deck)).id }, data: { state, stability } });
const submit = (user: CurrentUser, exerciseId: string, when: string, points: number, maxPoints = 14) =>
  t.db.submission.create({ data: { userId: user.id, exerciseId, code: "x", status: points >= maxPoints ? "pass" : "fail", points, maxPoints, results: {}, backend: "cpu", durationMs: 1, createdAt: at(when) } });

beforeAll(async () => {
  t = await createJobTestDatabase(); // track items with a due date schedule a job
  owner = await makeUser(t.db, "owner@example.com", "INSTRUCTOR");
  learners = {
    ada: await makeUser(t.db, "ada@example.com", "LEARNER", "Ada"),
    bob: await makeUser(t.db, "bob@example.com", "LEARNER", "Bob"),
    cy: await makeUser(t.db, "cy@example.com", "LEARNER", "=HYPERLINK(\"http://evil\",\"Cy\")"),
    dee: await makeUser(t.db, "dee@example.com", "LEARNER", "Dee"),
  };
  const deck = await makeDeck(t.db, "ml", 4);
  // R1: the whole deck studied by the due date; L1: KL divergence, all points, same due date.
  klass = await makeClass(t.db, { owner, learners: Object.values(learners) }, { deckId: deck.id, exerciseId: "kl-divergence", due });
  // R2: Q1 and Q2 mastered, due later; L2: JS divergence at 50 %, no due date.
  const r2 = await addTrackItem(t.db, owner, klass.trackId, { kind: "review", deckId: deck.id, noteNumbers: [2, 1], goal: "mastered", due: "2026-12-20T09:00" });
  const l2 = await addTrackItem(t.db, owner, klass.trackId, { kind: "lab", exerciseId: "js-divergence", passPercent: 50, due: null });
  week2 = (await createTrack(t.db, owner, klass.id, { title: "Week 2", description: "" })).id;
  const l3 = await addTrackItem(t.db, owner, week2, { kind: "lab", exerciseId: "wgan-critic-loss", passPercent: 100, due: null });
  items = { r1: klass.reviewItemId, l1: klass.labItemId, r2: r2.id, l2: l2.id, l3: l3.id };

  const { ada, bob, dee } = learners;
  // Ada: every card studied before the deadline; Q1, Q2 mastered; one Again on Q1 after it; an old Again outside 30 days.
  for (const n of [1, 2, 3, 4]) await rate(ada, n, "2026-12-01T10:00:00Z", 3, { state: 0, stability: 0 });
  await rate(ada, 1, "2026-12-08T10:00:00Z", 1, { state: 2, stability: 10 });
  await rate(ada, 4, "2026-10-01T10:00:00Z", 1, { state: 0, stability: 0 });
  await rate(ada, 2, "2026-12-09T10:00:00Z", 0, { state: 2, stability: 30 }, "LAB"); // not a rating: never counted
  for (const n of [1, 2]) await setCard(ada, n, 2, 30);
  for (const n of [3, 4]) await setCard(ada, n, 2, 4);
  await submit(ada, "kl-divergence", "2026-12-03T10:00:00Z", 10);
  await submit(ada, "kl-divergence", "2026-12-04T10:00:00Z", 14);
  // Bob: Q1, Q2 before the deadline, Q3 after it, Q4 never; KL passed after the deadline; JS at exactly 50 %.
  for (const n of [1, 2]) await rate(bob, n, "2026-12-02T10:00:00Z", 3, { state: 0, stability: 0 });
  await rate(bob, 3, "2026-12-07T10:00:00Z", 3, { state: 0, stability: 0 });
  await setCard(bob, 1, 2, 5);
  await setCard(bob, 2, 1, 1);
  await setCard(bob, 3, 1, 1);
  await submit(bob, "kl-divergence", "2026-12-07T10:00:00Z", 14);
  await submit(bob, "js-divergence", "2026-12-09T10:00:00Z", 7);
  // Cy: nothing at all. Dee: everything by the deadline, then reset Q1 after it (forgetting later is not lateness).
  for (const n of [1, 2, 3, 4]) await rate(dee, n, "2026-12-01T10:00:00Z", 3, { state: 0, stability: 0 });
  await rate(dee, 1, "2026-12-06T10:00:00Z", 0, { state: 2, stability: 8 }, "RESET");
  for (const n of [2, 3, 4]) await setCard(dee, n, 2, 8);
  await submit(dee, "kl-divergence", "2026-12-05T16:59:00Z", 14); // a minute before the deadline
  // A deleted track's items leave the gradebook; the submissions and cards stay.
  const gone = await createTrack(t.db, owner, klass.id, { title: "Dropped", description: "" });
  await addTrackItem(t.db, owner, gone.id, { kind: "lab", exerciseId: "train-step", passPercent: 100, due: null });
  await deleteTrack(t.db, owner, gone.id);
});
afterAll(async () => t.drop());

const rowOf = (rows: GradebookRow[], user: CurrentUser) => rows.find((row) => row.learner.id === user.id)!;

describe("the gradebook of a class", () => {
  it("has every learner × every item of the live tracks, in track order", async () => {
    const book = await loadGradebook(t.db, owner, klass.id, {}, now);
    expect(book.items.map((item) => item.id)).toEqual([items.r1, items.l1, items.r2, items.l2, items.l3]);
    // By name (a symbol sorts before letters), instructors not listed.
    expect(book.rows.map((row) => row.learner.email)).toEqual(["cy@example.com", "ada@example.com", "bob@example.com", "dee@example.com"]);
    expect(book.learnerCount).toBe(4);
  });

  it("review items: % studied, % mastered, recall over 30 days with its count, on time or late by the due instant", async () => {
    const book = await loadGradebook(t.db, owner, klass.id, {}, now);
    const cells = (user: CurrentUser) => rowOf(book.rows, user).cells;
    expect(cells(learners.ada)[0]).toMatchObject({ kind: "review", total: 4, studied: 4, mastered: 2, reviews: 5, remembered: 4, metAtDue: 4, status: "on-time" });
    expect(cells(learners.ada)[2]).toMatchObject({ total: 2, studied: 2, mastered: 2, reviews: 3, remembered: 2, metAtDue: null, status: "on-time" });
    expect(cells(learners.bob)[0]).toMatchObject({ total: 4, studied: 3, mastered: 0, reviews: 3, remembered: 3, metAtDue: 2, status: "late" });
    expect(cells(learners.bob)[2]).toMatchObject({ total: 2, studied: 2, mastered: 0, status: "open" });
    expect(cells(learners.cy)[0]).toMatchObject({ total: 4, studied: 0, mastered: 0, reviews: 0, remembered: 0, metAtDue: 0, status: "late" });
    // Dee reset Q1 after the deadline: 3/4 studied now, but every card had met the goal at the due instant.
    expect(cells(learners.dee)[0]).toMatchObject({ total: 4, studied: 3, metAtDue: 4, status: "on-time" });
  });

  it("recall is read from the log's copy of each card's note, which the database takes from the card", async () => {
    // The rows written by this file's setup named no note.
    const [counts] = await t.db.$queryRaw<Array<{ rows: number; wrong: number }>>`
      SELECT count(*)::int AS rows, count(*) FILTER (WHERE r."noteId" IS DISTINCT FROM c."noteId")::int AS wrong
      FROM "ReviewLog" r JOIN "Card" c ON c.id = r."cardId"`;
    expect(counts).toEqual({ rows: expect.any(Number), wrong: 0 });
    expect(counts!.rows).toBeGreaterThan(10);
    const card = await cardOf(learners.ada, 1);
    const other = await cardOf(learners.ada, 2);
    // A writer that names another note is overruled, on insert and on update.
    const log = await t.db.reviewLog.findFirstOrThrow({ where: { cardId: card.id } });
    await t.db.reviewLog.update({ where: { id: log.id }, data: { noteId: other.noteId } });
    expect((await t.db.reviewLog.findUniqueOrThrow({ where: { id: log.id } })).noteId).toBe(card.noteId);
  });

  it("lab items: best server score, attempts, first pass at the item's pass mark, on time or late", async () => {
    const book = await loadGradebook(t.db, owner, klass.id, {}, now);
    const cells = (user: CurrentUser) => rowOf(book.rows, user).cells;
    expect(cells(learners.ada)[1]).toMatchObject({ kind: "lab", attempts: 2, bestPoints: 14, bestMaxPoints: 14, firstPassedAt: at("2026-12-04T10:00:00Z"), status: "on-time" });
    expect(cells(learners.bob)[1]).toMatchObject({ attempts: 1, firstPassedAt: at("2026-12-07T10:00:00Z"), status: "late" });
    expect(cells(learners.bob)[3]).toMatchObject({ attempts: 1, bestPoints: 7, firstPassedAt: at("2026-12-09T10:00:00Z"), status: "done" });
    expect(cells(learners.cy)[1]).toMatchObject({ attempts: 0, bestPoints: null, firstPassedAt: null, status: "late" });
    expect(cells(learners.cy)[3]).toMatchObject({ attempts: 0, status: "open" });
    expect(cells(learners.dee)[1]).toMatchObject({ attempts: 1, status: "on-time" });
  });

  it("counts submissions up to `now` only, so a gradebook read at a past instant shows that instant", async () => {
    const book = await loadGradebook(t.db, owner, klass.id, {}, at("2026-12-03T12:00:00Z"));
    expect(rowOf(book.rows, learners.ada).cells[1]).toMatchObject({ attempts: 1, bestPoints: 10, firstPassedAt: null, status: "open" });
  });

  it("filters by track and to learners with something late, and sorts by any column (empty values last)", async () => {
    const week2Only = await loadGradebook(t.db, owner, klass.id, { trackId: week2 }, now);
    expect(week2Only.items.map((item) => item.id)).toEqual([items.l3]);
    expect(week2Only.rows[0]!.cells).toHaveLength(1);

    const late = await loadGradebook(t.db, owner, klass.id, { lateOnly: true }, now);
    expect(late.rows.map((row) => row.learner.id).sort()).toEqual([learners.bob.id, learners.cy.id].sort());

    const byStudied = await loadGradebook(t.db, owner, klass.id, { sort: `${items.r1}.studied`, dir: "desc" }, now);
    expect(byStudied.rows.map((row) => row.learner.name)).toEqual(["Ada", "Bob", "Dee", learners.cy.name]);
    expect(byStudied.query).toMatchObject({ sort: `${items.r1}.studied`, dir: "desc" });
    const byPassed = await loadGradebook(t.db, owner, klass.id, { sort: `${items.l1}.passed`, dir: "asc" }, now);
    expect(byPassed.rows.map((row) => row.learner.name)).toEqual(["Ada", "Dee", "Bob", learners.cy.name]);
    const byPassedDesc = await loadGradebook(t.db, owner, klass.id, { sort: `${items.l1}.passed`, dir: "desc" }, now);
    expect(byPassedDesc.rows.map((row) => row.learner.name)).toEqual(["Bob", "Dee", "Ada", learners.cy.name]);
    // An unknown or mismatched column sorts by learner.
    const unknown = await loadGradebook(t.db, owner, klass.id, { sort: `${items.r1}.attempts` }, now);
    expect(unknown.query.sort).toBe("learner");
  });

  it("exports the same numbers as CSV: RFC 4180, UTF-8 with a BOM, formulas neutralised", async () => {
    const book = await loadGradebook(t.db, owner, klass.id, {}, now);
    const csv = gradebookCsv(book);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    const [header, ...rows] = parseCsv(csv);
    expect(header!.slice(0, 7)).toEqual([
      "Learner",
      "Email",
      "Week 1 / Deck ml: studied %",
      "Week 1 / Deck ml: mastered %",
      "Week 1 / Deck ml: recall % (30 days)",
      "Week 1 / Deck ml: reviews (30 days)",
      "Week 1 / Deck ml: status",
    ]);
    expect(header).toHaveLength(2 + 5 * 5);
    const ada = rows.find((row) => row[1] === "ada@example.com")!;
    expect(ada.slice(2, 12)).toEqual(["100", "50", "80", "5", "on time", "14", "14", "2", "2026-12-04 11:00", "on time"]);
    const bob = rows.find((row) => row[1] === "bob@example.com")!;
    expect(bob.slice(2, 7)).toEqual(["75", "0", "100", "3", "late"]);
    const cy = rows.find((row) => row[1] === "cy@example.com")!;
    expect(cy[0]).toBe(`'=HYPERLINK("http://evil","Cy")`);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"",""Cy"")"`);
    expect(cy.slice(2, 7)).toEqual(["0", "0", "", "0", "late"]);
  });
});

describe("a learner's page and My tracks", () => {
  it("joins memory over the class's cards with the lab history", async () => {
    const report = await learnerReport(t.db, owner, klass.id, learners.ada.id, now);
    expect(report.memory).toMatchObject({ cards: 4, studied: 4, mastered: 2, reviews: 5, remembered: 4 });
    expect(report.submissions.map((s) => s.points)).toEqual([14, 10]);
    expect(report.progress.map((p) => p.status)).toEqual(["on-time", "on-time", "on-time", "open", "open"]);
  });

  it("shows the learner their items, what is next, and what is late", async () => {
    const [mine] = await myTracks(t.db, learners.bob, now);
    expect(mine!.tracks.map((track) => track.title)).toEqual(["Week 1", "Week 2"]);
    expect(mine!.next?.item.id).toBe(items.r1);
    expect(mine!.late.map((entry) => entry.item.id)).toEqual([items.r1]);
    const [cys] = await myTracks(t.db, learners.cy, now);
    expect(cys!.late.map((entry) => entry.item.id)).toEqual([items.r1, items.l1]);
    expect(cys!.dueSoon).toEqual([]);
    const [early] = await myTracks(t.db, learners.cy, at("2026-12-01T12:00:00Z"));
    expect(early!.dueSoon.map((entry) => entry.item.id)).toEqual([items.r1, items.l1]);
  });

  it("a learner who joins later gets the assigned decks' cards at once", async () => {
    const late = await makeUser(t.db, "late@example.com");
    await joinClass(t.db, late, klass.joinCode);
    expect(await t.db.card.count({ where: { userId: late.id, note: { deck: { slug: "ml" } } } })).toBe(4);
    const book = await loadGradebook(t.db, owner, klass.id, {}, now);
    expect(rowOf(book.rows, late).cells[0]).toMatchObject({ total: 4, studied: 0 } satisfies Partial<ReviewCell>);
    expect(rowOf(book.rows, late).cells[1]).toMatchObject({ attempts: 0 } satisfies Partial<LabCell>);
  });
});

describe("the goal at the due instant, with two due instants on the same cards", () => {
  // Deck "dl": A = both notes studied, due 3 December; B = Q1 mastered, due 6 December (10:00 in Paris, 09:00 UTC).
  // A card's state at each instant is the one its first event after that instant recorded (or its state now).
  let items2: { a: string; b: string };
  let eve: CurrentUser;
  let fay: CurrentUser;
  let class2: string;
  beforeAll(async () => {
    eve = await makeUser(t.db, "eve@example.com", "LEARNER", "Eve");
    fay = await makeUser(t.db, "fay@example.com", "LEARNER", "Fay");
    const deck = await makeDeck(t.db, "dl", 2);
    const made = await makeClass(t.db, { owner, learners: [eve, fay] }, { deckId: deck.id, due: "2026-12-03T10:00", name: "DL" });
    const b = await addTrackItem(t.db, owner, made.trackId, { kind: "review", deckId: deck.id, noteNumbers: [1], goal: "mastered", due: "2026-12-06T10:00" });
    items2 = { a: made.reviewItemId, b: b.id };
    class2 = made.id;
    // Eve, Q1: learnt before A's instant, in review with stability 10 at it and with 30 at B's: both goals met on time.
    await rate(eve, 1, "2026-12-01T10:00:00Z", 3, { state: 0, stability: 0 }, "RATING", "dl");
    await rate(eve, 1, "2026-12-04T10:00:00Z", 3, { state: 2, stability: 10 }, "RATING", "dl");
    await rate(eve, 1, "2026-12-07T10:00:00Z", 3, { state: 2, stability: 30 }, "RATING", "dl");
    await setCard(eve, 1, 2, 40, "dl");
    // Eve, Q2: learnt, then reset *before* A's instant and learnt again after it: new at the instant, so A is late
    // although every card is studied now (a first review before the due date is not enough).
    await rate(eve, 2, "2026-12-01T10:00:00Z", 3, { state: 0, stability: 0 }, "RATING", "dl");
    await rate(eve, 2, "2026-12-02T10:00:00Z", 0, { state: 2, stability: 3 }, "RESET", "dl");
    await rate(eve, 2, "2026-12-05T10:00:00Z", 3, { state: 0, stability: 0 }, "RATING", "dl");
    await setCard(eve, 2, 2, 5, "dl");
    // Fay: Q1 first reviewed after both instants (studied now, met at neither); Q2 never.
    await rate(fay, 1, "2026-12-08T10:00:00Z", 3, { state: 0, stability: 0 }, "RATING", "dl");
    await setCard(fay, 1, 1, 1, "dl");
  });

  it("reads each item's own instant: studied, reset before the deadline, first reviewed after it", async () => {
    const book = await loadGradebook(t.db, owner, class2, {}, now);
    expect(book.items.map((item) => item.id)).toEqual([items2.a, expect.any(String), items2.b]);
    const cells = (user: CurrentUser) => rowOf(book.rows, user).cells;
    expect(cells(eve)[0]).toMatchObject({ total: 2, studied: 2, metAtDue: 1, status: "late" });
    expect(cells(eve)[2]).toMatchObject({ total: 1, mastered: 1, metAtDue: 1, status: "on-time" });
    expect(cells(fay)[0]).toMatchObject({ total: 2, studied: 1, metAtDue: 0, status: "late" });
    expect(cells(fay)[2]).toMatchObject({ total: 1, mastered: 0, metAtDue: 0, status: "late" });
    // Between the two instants, B is not due yet and A is already decided.
    const between = await loadGradebook(t.db, owner, class2, {}, at("2026-12-04T12:00:00Z"));
    expect(rowOf(between.rows, eve).cells[0]).toMatchObject({ metAtDue: 1, status: "late" });
    expect(rowOf(between.rows, eve).cells[2]).toMatchObject({ metAtDue: null });
  });
});

describe("the goal at a due instant that has passed on the real clock is kept, and computed again when its inputs change", () => {
  // Dates relative to the real clock: a result is kept only for an instant that has really passed.
  const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);
  const dueInput = (instant: Date) => instant.toISOString().slice(0, 16); // the class is in UTC
  let gus: CurrentUser;
  let item: string;
  let class3: string;
  const kept = () => t.db.trackItemDueResult.findMany({ where: { itemId: item }, select: { userId: true, metAtDue: true, dueAt: true } });
  const gusCell = async () => rowOf((await loadGradebook(t.db, owner, class3, {}, new Date())).rows, gus).cells[0] as ReviewCell & { status: string };

  beforeAll(async () => {
    gus = await makeUser(t.db, "gus@example.com", "LEARNER", "Gus");
    const deck = await makeDeck(t.db, "kp", 2);
    const made = await makeClass(t.db, { owner, learners: [gus] }, { deckId: deck.id, due: dueInput(hoursAgo(48)), name: "Kept", timeZone: "UTC" });
    item = made.reviewItemId;
    class3 = made.id;
    // Q1 learnt three days ago (before the instant); Q2 never.
    await rate(gus, 1, hoursAgo(72).toISOString(), 3, { state: 0, stability: 0 }, "RATING", "kp");
    await setCard(gus, 1, 2, 5, "kp");
  });

  it("keeps the result once computed and reads it on later loads", async () => {
    expect(await gusCell()).toMatchObject({ total: 2, studied: 1, metAtDue: 1, status: "late" });
    expect(await kept()).toEqual([{ userId: gus.id, metAtDue: 1, dueAt: expect.any(Date) }]);
    // Later loads read the kept row, not the log: a changed row shows (then put back).
    await t.db.trackItemDueResult.updateMany({ where: { itemId: item }, data: { metAtDue: 2 } });
    expect(await gusCell()).toMatchObject({ metAtDue: 2, status: "on-time" });
    await t.db.trackItemDueResult.updateMany({ where: { itemId: item }, data: { metAtDue: 1 } });
  });

  it("computes again when the item's notes, goal or due instant change", async () => {
    await t.db.trackItemDueResult.updateMany({ where: { itemId: item }, data: { metAtDue: 2 } }); // would show if used
    await updateTrackItem(t.db, owner, item, { noteNumbers: [1] });
    expect(await gusCell()).toMatchObject({ total: 1, metAtDue: 1, status: "on-time" });
    await updateTrackItem(t.db, owner, item, { noteNumbers: [] });
    expect(await gusCell()).toMatchObject({ total: 2, metAtDue: 1, status: "late" });
    await updateTrackItem(t.db, owner, item, { goal: "mastered" });
    expect(await gusCell()).toMatchObject({ metAtDue: 0, status: "late" });
    await updateTrackItem(t.db, owner, item, { goal: "studied", due: dueInput(hoursAgo(96)) }); // before Q1's review
    expect(await gusCell()).toMatchObject({ metAtDue: 0, status: "late" });
    await updateTrackItem(t.db, owner, item, { due: dueInput(hoursAgo(48)) });
    expect(await gusCell()).toMatchObject({ metAtDue: 1, status: "late" });
    expect(await kept()).toEqual([{ userId: gus.id, metAtDue: 1, dueAt: expect.any(Date) }]);
  });

  it("does not keep an instant still to come on the real clock, even for a gradebook read at a later `now`", async () => {
    const { trackId, deckId } = await t.db.trackItem.findUniqueOrThrow({ where: { id: item } });
    const later = await addTrackItem(t.db, owner, trackId, { kind: "review", deckId: deckId!, noteNumbers: [], goal: "studied", due: dueInput(new Date(Date.now() + 48 * 3_600_000)) });
    const book = await loadGradebook(t.db, owner, class3, {}, new Date(Date.now() + 96 * 3_600_000));
    expect(rowOf(book.rows, gus).cells.find((_, i) => book.items[i]!.id === later.id)).toMatchObject({ metAtDue: 1 });
    expect(await t.db.trackItemDueResult.count({ where: { itemId: later.id } })).toBe(0);
    await removeTrackItem(t.db, owner, later.id);
  });

  it("a job at the due instant keeps every learner's count before anyone loads the gradebook", async () => {
    const { trackId, deckId } = await t.db.trackItem.findUniqueOrThrow({ where: { id: item } });
    const dueAt = new Date(Math.ceil((Date.now() + 60_000) / 60_000) * 60_000); // the next whole minute but one
    const soon = await addTrackItem(t.db, owner, trackId, { kind: "review", deckId: deckId!, noteNumbers: [], goal: "studied", due: dueInput(dueAt) });
    const jobs = await t.db.job.findMany({ where: { kind: keepDueJob.name, payload: { path: ["itemId"], equals: soon.id } } });
    expect(jobs).toHaveLength(1);
    // Before the instant the job does nothing; after it, it keeps Gus's count (Q1 studied then: 1).
    expect(await runKeepDue(t.db, { itemId: soon.id }, new Date(dueAt.getTime() - 1_000))).toEqual({ kept: 0 });
    // A worker runs it at the instant (brought forward here, not to wait a minute), on the real clock: the instant
    // must have passed for the count to be kept, so the test moves the item's due date into the past first.
    await t.db.trackItem.update({ where: { id: soon.id }, data: { dueAt: hoursAgo(1) } });
    await t.db.$executeRaw`UPDATE graphile_worker._private_jobs SET run_at = now()`;
    const worker = await startTestWorker(t.url, [task(keepDueJob, (payload, context) => runKeepDue(context.db, payload))]);
    try {
      const done = await waitForJob(t.db, jobs[0]!.id);
      expect(done).toMatchObject({ status: "SUCCEEDED", result: { kept: 1 } });
    } finally {
      await worker.stop();
    }
    expect(await t.db.trackItemDueResult.findMany({ where: { itemId: soon.id }, select: { userId: true, metAtDue: true } })).toEqual([{ userId: gus.id, metAtDue: 1 }]);
    await removeTrackItem(t.db, owner, soon.id);
  });

  it("an undone answer from before the instant is computed again without it", async () => {
    // Gus learns Q2 an hour before the instant: both studied at it, on time.
    const q2 = await cardOf(gus, 2, "kp");
    await answerCard(t.db, gus.id, { cardId: q2.id, version: q2.version, rating: 3, durationMs: 0 }, hoursAgo(49));
    await t.db.trackItemDueResult.deleteMany({ where: { itemId: item } });
    expect(await gusCell()).toMatchObject({ metAtDue: 2, status: "on-time" });
    expect(await kept()).toEqual([{ userId: gus.id, metAtDue: 2, dueAt: expect.any(Date) }]);
    // Undoing that answer (his last) puts Q2 back to new: at the instant only Q1 was studied.
    await undoLastReview(t.db, gus.id);
    expect(await kept()).toEqual([]);
    expect(await gusCell()).toMatchObject({ studied: 1, metAtDue: 1, status: "late" });
  });
});
