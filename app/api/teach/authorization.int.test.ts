// The authorization matrix of teaching: every class, track, gradebook and admin route, and every page's loader,
// called by each kind of person — anonymous, a learner in the class, a learner not in it, the class's instructor
// (its owner), an instructor of another class, a co-instructor, an admin. Each case asserts the status, and a refused
// case asserts that no row of any table changed. Real route handlers, real session cookies, real PostgreSQL.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/session";
import { sessionCookie } from "@/lib/auth/testing";
import type { TestDatabase } from "@/lib/db/testing";
import { createJobTestDatabase } from "@/lib/jobs/testing";
import { requireClassRole } from "@/lib/teach/authorize";
import { getClassOverview, previewJoin } from "@/lib/teach/classes";
import { TeachError } from "@/lib/teach/errors";
import { loadGradebook } from "@/lib/teach/gradebook";
import { learnerReport, myTracks } from "@/lib/teach/learners";
import { makeClass, makeDeck, makeUser } from "@/lib/teach/testing";
import { getTrackEditor } from "@/lib/teach/tracks";
import { listUsers } from "@/lib/teach/users";

const classes = await import("./classes/route");
const klass = await import("./classes/[classId]/route");
const joinCode = await import("./classes/[classId]/join-code/route");
const leave = await import("./classes/[classId]/leave/route");
const member = await import("./classes/[classId]/members/[userId]/route");
const instructors = await import("./classes/[classId]/instructors/route");
const tracks = await import("./classes/[classId]/tracks/route");
const decks = await import("./classes/[classId]/decks/route");
const gradebook = await import("./classes/[classId]/gradebook/route");
const gradebookCsv = await import("./classes/[classId]/gradebook/csv/route");
const learner = await import("./classes/[classId]/learners/[userId]/route");
const join = await import("./join/route");
const track = await import("./tracks/[trackId]/route");
const items = await import("./tracks/[trackId]/items/route");
const item = await import("./items/[itemId]/route");
const move = await import("./items/[itemId]/move/route");
const role = await import("../admin/users/[userId]/role/route");

type Actor = "anonymous" | "learnerIn" | "learnerOut" | "instructor" | "otherInstructor" | "coInstructor" | "admin";
const ACTORS: Actor[] = ["anonymous", "learnerIn", "learnerOut", "instructor", "otherInstructor", "coInstructor", "admin"];

let t: TestDatabase;
let people: Record<Exclude<Actor, "anonymous">, CurrentUser>;
let candidate: CurrentUser; // an instructor of nothing yet, to be added as co-instructor
let target: CurrentUser; // a learner whose role the admin page changes
let deckId: string;
let otherClass: Awaited<ReturnType<typeof makeClass>>;

beforeAll(async () => {
  t = await createJobTestDatabase(); // track items with a due date schedule a job
  (globalThis as unknown as { latentDb?: unknown }).latentDb = t.db;
  const admin = await makeUser(t.db, "admin@example.com", "ADMIN");
  people = {
    admin,
    instructor: await makeUser(t.db, "owner@example.com", "INSTRUCTOR", "Olive Owner"),
    coInstructor: await makeUser(t.db, "co@example.com", "INSTRUCTOR"),
    otherInstructor: await makeUser(t.db, "other@example.com", "INSTRUCTOR"),
    learnerIn: await makeUser(t.db, "in@example.com"),
    learnerOut: await makeUser(t.db, "out@example.com"),
  };
  candidate = await makeUser(t.db, "candidate@example.com", "INSTRUCTOR");
  target = await makeUser(t.db, "target@example.com");
  deckId = (await makeDeck(t.db, "ml", 5)).id;
  otherClass = await makeClass(t.db, { owner: people.otherInstructor }, { deckId, name: "Other class" });
});
afterAll(async () => t.drop());

// Every table a teaching action could write, digested: equal digests mean nothing was written.
const TABLES = ["User", "Class", "ClassMember", "Track", "TrackItem", "TeachAudit", "Deck", "Note", "DeckStudy", "Card", "ReviewLog", "Submission"];
async function digest(): Promise<Record<string, string>> {
  const columns = TABLES.map((table) => `(SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM "${table}" x) AS "${table}"`);
  const rows = await t.db.$queryRawUnsafe<Array<Record<string, string>>>(`SELECT ${columns.join(", ")}`);
  return rows[0]!;
}

type Fixture = Awaited<ReturnType<typeof makeClass>> & { secondItemId: string };
let f: Fixture;
let dirty = true;

beforeEach(async () => {
  // A fresh class after every case that changed something: what one allowed case changes never decides the next.
  // A refused case changed nothing (each asserts it), so the next one reuses its class.
  if (!dirty) return;
  dirty = false;
  const made = await makeClass(t.db, { owner: people.instructor, coInstructor: people.coInstructor, learners: [people.learnerIn] }, { deckId, due: "2030-01-01T09:00" });
  const second = await t.db.trackItem.create({ data: { trackId: made.trackId, position: 2, kind: "LAB", exerciseId: "js-divergence", passPercent: 80 } });
  f = { ...made, secondItemId: second.id };
  await t.db.user.update({ where: { id: target.id }, data: { role: "LEARNER" } });
});
// Any test outside the matrix may change things.
const changed = () => (dirty = true);

type Handler = (request: Request, context?: { params?: Promise<Record<string, string>> }) => Promise<Response>;
type Op = {
  name: string;
  method: "GET" | "POST" | "PATCH" | "DELETE";
  handler: Handler;
  url: () => string;
  params: () => Record<string, string>;
  body?: () => unknown;
  expect: Record<Actor, number>;
  /** A read: nothing may be written even when allowed. */
  read?: boolean;
};

// The two shapes of class permission: every instructor of the class (and admins), or only its owner (and admins).
const instructorsOnly = (ok: number): Record<Actor, number> => ({ anonymous: 401, learnerIn: 403, learnerOut: 404, instructor: ok, otherInstructor: 404, coInstructor: ok, admin: ok });
const ownerOnly = (ok: number): Record<Actor, number> => ({ ...instructorsOnly(ok), coInstructor: 403 });

const deckSource = "# Week 1\n\n#### Q1. What is a tensor?\nA1:\nAn n-dimensional array.\n";

const OPS: Op[] = [
  { name: "PATCH class", method: "PATCH", handler: klass.PATCH, url: () => `/api/teach/classes/${f.id}`, params: () => ({ classId: f.id }), body: () => ({ name: "Renamed" }), expect: instructorsOnly(200) },
  { name: "DELETE class", method: "DELETE", handler: klass.DELETE, url: () => `/api/teach/classes/${f.id}`, params: () => ({ classId: f.id }), expect: ownerOnly(200) },
  { name: "POST rotate join code", method: "POST", handler: joinCode.POST, url: () => `/api/teach/classes/${f.id}/join-code`, params: () => ({ classId: f.id }), expect: instructorsOnly(200) },
  {
    name: "POST leave class",
    method: "POST",
    handler: leave.POST,
    url: () => `/api/teach/classes/${f.id}/leave`,
    params: () => ({ classId: f.id }),
    // A member leaves; the owner cannot (409); an admin who is not a member has nothing to leave (404).
    expect: { anonymous: 401, learnerIn: 200, learnerOut: 404, instructor: 409, otherInstructor: 404, coInstructor: 200, admin: 404 },
  },
  {
    name: "DELETE a learner from the class",
    method: "DELETE",
    handler: member.DELETE,
    url: () => `/api/teach/classes/${f.id}/members/${people.learnerIn.id}`,
    params: () => ({ classId: f.id, userId: people.learnerIn.id }),
    expect: instructorsOnly(200),
  },
  {
    name: "DELETE a co-instructor from the class",
    method: "DELETE",
    handler: member.DELETE,
    url: () => `/api/teach/classes/${f.id}/members/${people.coInstructor.id}`,
    params: () => ({ classId: f.id, userId: people.coInstructor.id }),
    expect: ownerOnly(200),
  },
  { name: "POST add a co-instructor", method: "POST", handler: instructors.POST, url: () => `/api/teach/classes/${f.id}/instructors`, params: () => ({ classId: f.id }), body: () => ({ email: candidate.email }), expect: ownerOnly(201) },
  { name: "POST create a track", method: "POST", handler: tracks.POST, url: () => `/api/teach/classes/${f.id}/tracks`, params: () => ({ classId: f.id }), body: () => ({ title: "Week 2" }), expect: instructorsOnly(201) },
  { name: "POST upload a class deck", method: "POST", handler: decks.POST, url: () => `/api/teach/classes/${f.id}/decks`, params: () => ({ classId: f.id }), body: () => ({ fileName: "week-1.md", source: deckSource }), expect: instructorsOnly(200) },
  { name: "GET gradebook", method: "GET", handler: gradebook.GET, url: () => `/api/teach/classes/${f.id}/gradebook`, params: () => ({ classId: f.id }), expect: instructorsOnly(200), read: true },
  { name: "GET gradebook CSV", method: "GET", handler: gradebookCsv.GET, url: () => `/api/teach/classes/${f.id}/gradebook/csv`, params: () => ({ classId: f.id }), expect: instructorsOnly(200), read: true },
  {
    name: "GET a learner's page",
    method: "GET",
    handler: learner.GET,
    url: () => `/api/teach/classes/${f.id}/learners/${people.learnerIn.id}`,
    params: () => ({ classId: f.id, userId: people.learnerIn.id }),
    expect: instructorsOnly(200),
    read: true,
  },
  { name: "PATCH track", method: "PATCH", handler: track.PATCH, url: () => `/api/teach/tracks/${f.trackId}`, params: () => ({ trackId: f.trackId }), body: () => ({ title: "Week one" }), expect: instructorsOnly(200) },
  { name: "DELETE track", method: "DELETE", handler: track.DELETE, url: () => `/api/teach/tracks/${f.trackId}`, params: () => ({ trackId: f.trackId }), expect: instructorsOnly(200) },
  {
    name: "POST add a track item",
    method: "POST",
    handler: items.POST,
    url: () => `/api/teach/tracks/${f.trackId}/items`,
    params: () => ({ trackId: f.trackId }),
    body: () => ({ kind: "review", deckId, noteNumbers: [1, 2], goal: "mastered", due: "2030-02-01T09:00" }),
    expect: instructorsOnly(201),
  },
  { name: "PATCH a track item", method: "PATCH", handler: item.PATCH, url: () => `/api/teach/items/${f.labItemId}`, params: () => ({ itemId: f.labItemId }), body: () => ({ due: "2030-03-01T09:00", passPercent: 50 }), expect: instructorsOnly(200) },
  { name: "DELETE a track item", method: "DELETE", handler: item.DELETE, url: () => `/api/teach/items/${f.labItemId}`, params: () => ({ itemId: f.labItemId }), expect: instructorsOnly(200) },
  { name: "POST move a track item", method: "POST", handler: move.POST, url: () => `/api/teach/items/${f.secondItemId}/move`, params: () => ({ itemId: f.secondItemId }), body: () => ({ direction: "up" }), expect: instructorsOnly(200) },
  {
    name: "POST join with the class's code",
    method: "POST",
    handler: join.POST,
    url: () => "/api/teach/join",
    params: () => ({}),
    body: () => ({ code: f.joinCode }),
    // Anyone signed in with the code may join as a learner; members are told they are in already.
    expect: { anonymous: 401, learnerIn: 200, learnerOut: 200, instructor: 200, otherInstructor: 200, coInstructor: 200, admin: 200 },
  },
  {
    name: "POST make an account an instructor (admin page)",
    method: "POST",
    handler: role.POST,
    url: () => `/api/admin/users/${target.id}/role`,
    params: () => ({ userId: target.id }),
    body: () => ({ instructor: true }),
    expect: { anonymous: 401, learnerIn: 403, learnerOut: 403, instructor: 403, otherInstructor: 403, coInstructor: 403, admin: 200 },
  },
];

async function call(op: Op, actor: Actor): Promise<Response> {
  const cookie = actor === "anonymous" ? "" : await sessionCookie(people[actor].id);
  const body = op.body?.();
  const request = new Request(`http://latent.test${op.url()}`, {
    method: op.method,
    headers: { cookie, "content-type": "application/json", origin: "http://latent.test" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return op.handler(request, { params: Promise.resolve(op.params()) });
}

describe("every teaching and admin route × every kind of person", () => {
  const cases = OPS.flatMap((op) => ACTORS.map((actor) => ({ op, actor, status: op.expect[actor] })));
  it.each(cases.map((c) => [c.op.name, c.actor, c.status, c] as const))("%s as %s → %i", async (_name, actor, status, { op }) => {
    const before = await digest();
    if (status < 400 && !op.read) changed();
    const response = await call(op, actor);
    expect(response.status).toBe(status);
    const after = await digest();
    if (status >= 400 || op.read) {
      expect(after).toEqual(before);
      if (status >= 400) expect(((await response.json()) as { error: { message: string } }).error.message).toBeTruthy();
    } else if (!(op.name.startsWith("POST join") && actor !== "learnerOut" && actor !== "otherInstructor" && actor !== "admin")) {
      // An allowed change is written (and, for class and track changes, audited).
      expect(after).not.toEqual(before);
    }
  });

  it("the CSV is an attachment named after the class, text/csv in UTF-8 with a BOM, never cached", async () => {
    await t.db.class.update({ where: { id: f.id }, data: { name: "Ça'va (ML)" } });
    changed();
    const response = await call(OPS.find((op) => op.name === "GET gradebook CSV")!, "instructor");
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const disposition = response.headers.get("content-disposition")!;
    expect(disposition).toMatch(/^attachment; filename="a-va-ml-gradebook-\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''%C3%87a%27va%20%28ML%29-gradebook-/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it("a wrong join code is 404 for everyone signed in, and nothing is written", async () => {
    for (const actor of ACTORS.filter((a) => a !== "anonymous")) {
      const before = await digest();
      const response = await call({ ...OPS.find((op) => op.name.startsWith("POST join"))!, body: () => ({ code: "ZZZZ-ZZZZ" }) }, actor);
      expect(response.status).toBe(404);
      expect(await digest()).toEqual(before);
    }
  });

  it("ids of another class in the body change nothing: the path decides, and an item of another class is 404", async () => {
    changed();
    const before = await digest();
    const response = await call({ ...OPS.find((op) => op.name === "PATCH a track item")!, url: () => `/api/teach/items/${otherClass.labItemId}`, params: () => ({ itemId: otherClass.labItemId }) }, "instructor");
    expect(response.status).toBe(404);
    const sneaky = await call({ ...OPS.find((op) => op.name === "PATCH class")!, body: () => ({ name: "Mine now", classId: otherClass.id }) }, "instructor");
    expect(sneaky.status).toBe(200);
    expect((await t.db.class.findUniqueOrThrow({ where: { id: otherClass.id } })).name).toBe("Other class");
    expect((await digest()).Class).not.toEqual(before.Class);
  });

  it("a co-instructor whose instructor role was taken back can no longer teach the class", async () => {
    changed();
    await t.db.user.update({ where: { id: people.coInstructor.id }, data: { role: "LEARNER" } });
    try {
      const before = await digest();
      const response = await call(OPS.find((op) => op.name === "POST create a track")!, "coInstructor");
      expect(response.status).toBe(403);
      expect(await digest()).toEqual(before);
    } finally {
      await t.db.user.update({ where: { id: people.coInstructor.id }, data: { role: "INSTRUCTOR" } });
    }
  });

  it("a class can be created by instructors and admins only", async () => {
    changed();
    for (const actor of ACTORS) {
      const before = await digest();
      const cookie = actor === "anonymous" ? "" : await sessionCookie(people[actor].id);
      const response = await classes.POST(
        new Request("http://latent.test/api/teach/classes", { method: "POST", headers: { cookie, "content-type": "application/json", origin: "http://latent.test" }, body: JSON.stringify({ name: "New", timeZone: "UTC" }) }),
      );
      const allowed = ["instructor", "otherInstructor", "coInstructor", "admin"].includes(actor);
      expect(response.status, actor).toBe(actor === "anonymous" ? 401 : allowed ? 201 : 403);
      if (!allowed) expect(await digest()).toEqual(before);
    }
  });

  it("refuses every state-changing route from another site or without JSON, even for the owner, changing nothing", async () => {
    const cookie = await sessionCookie(people.admin.id);
    for (const op of OPS.filter((o) => o.method !== "GET")) {
      for (const headers of [
        { cookie, "content-type": "application/json", origin: "http://evil.example" },
        { cookie, "content-type": "text/plain", origin: "http://latent.test" },
      ]) {
        const before = await digest();
        const body = op.body?.();
        const response = await op.handler(
          new Request(`http://latent.test${op.url()}`, { method: op.method, headers, body: body === undefined ? undefined : JSON.stringify(body) }),
          { params: Promise.resolve(op.params()) },
        );
        expect(response.status, `${op.name} ${headers.origin} ${headers["content-type"]}`).toBe(headers.origin === "http://evil.example" ? 403 : 415);
        expect(await digest()).toEqual(before);
      }
    }
  });
});

// The pages call these loaders with the signed-in user; a refusal becomes a 404 page (or a "not allowed" one).
describe("every teaching page's loader × every kind of person", () => {
  type Loader = { name: string; load: (user: CurrentUser) => Promise<unknown>; expect: Record<Exclude<Actor, "anonymous">, number> };
  // Pages send the anonymous to sign-in before any loader runs.
  const pageExpect = (ok: number): Loader["expect"] => ({ learnerIn: 403, learnerOut: 404, instructor: ok, otherInstructor: 404, coInstructor: ok, admin: ok });
  const LOADERS: Loader[] = [
    { name: "class page", load: (user) => getClassOverview(t.db, user, f.id), expect: pageExpect(200) },
    { name: "track page", load: (user) => getTrackEditor(t.db, user, f.trackId), expect: pageExpect(200) },
    { name: "gradebook page", load: (user) => loadGradebook(t.db, user, f.id), expect: pageExpect(200) },
    { name: "learner page", load: (user) => learnerReport(t.db, user, f.id, people.learnerIn.id), expect: pageExpect(200) },
    { name: "learner page of a non-learner", load: (user) => learnerReport(t.db, user, f.id, people.learnerOut.id), expect: { ...pageExpect(404) } },
    { name: "class membership (any member)", load: (user) => requireClassRole(t.db, user, f.id, "learner"), expect: { learnerIn: 200, learnerOut: 404, instructor: 200, otherInstructor: 404, coInstructor: 200, admin: 200 } },
    { name: "admin page", load: (user) => listUsers(t.db, user), expect: { learnerIn: 403, learnerOut: 403, instructor: 403, otherInstructor: 403, coInstructor: 403, admin: 200 } },
    { name: "join page", load: (user) => previewJoin(t.db, user, f.joinCode), expect: { learnerIn: 200, learnerOut: 200, instructor: 200, otherInstructor: 200, coInstructor: 200, admin: 200 } },
  ];
  const cases = LOADERS.flatMap((loader) => (Object.keys(loader.expect) as Array<keyof Loader["expect"]>).map((actor) => [loader.name, actor, loader.expect[actor], loader] as const));
  it.each(cases)("%s as %s → %i", async (_name, actor, status, loader) => {
    const before = await digest();
    const outcome = await loader.load(people[actor]).then(
      () => 200,
      (error: unknown) => {
        if (error instanceof TeachError) return error.status;
        throw error;
      },
    );
    expect(outcome).toBe(status);
    expect(await digest()).toEqual(before);
  });

  it("My tracks shows a learner their own classes only", async () => {
    const mine = await myTracks(t.db, people.learnerIn);
    expect(mine.map((c) => c.id)).toContain(f.id);
    expect(mine.map((c) => c.id)).not.toContain(otherClass.id);
    expect((await myTracks(t.db, people.learnerOut)).map((c) => c.id)).not.toContain(f.id);
  });
});
