import fs from "node:fs";
import type { Page } from "@playwright/test";
import { parseCsv } from "../lib/teach/csv";
import { expect, test } from "./support/fixtures";

// An admin makes an instructor → the instructor creates a class and a track (a deck to study and an exercise, due in
// 3 days) → a learner joins with the code, reviews cards and submits a solution → the gradebook shows it → the CSV
// download parses with the same numbers. Class decks: one with an error is refused with its line; a good one is seen
// by the class's learners only.

const TZ = "Europe/Paris";
test.use({ timezoneId: TZ });
test.setTimeout(300_000);

const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;
const reference = fs.readFileSync("lab/kl-divergence/solution.ts", "utf8");

/** `YYYY-MM-DDTHH:MM` in the class's zone, `days` from now (what a datetime-local field takes). */
function localIn(days: number): string {
  const parts = new Intl.DateTimeFormat("sv-SE", { timeZone: TZ, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(
    new Date(Date.now() + days * 86_400_000),
  );
  return parts.replace(" ", "T");
}

/** axe-core's audit of the page as it is: no serious or critical violation (contrast, labels, names, roles). */
async function expectAccessible(page: Page) {
  await page.addScriptTag({ path: "node_modules/axe-core/axe.min.js" });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const { violations } = await axe.run(document);
    return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
  expect(violations, page.url()).toEqual([]);
}


test("admin → instructor → class, track and class decks → a learner joins, reviews and submits → gradebook and CSV agree", async ({ newAccount }) => {
  // The admin makes a new account an instructor on the admin page.
  const admin = await newAccount("admin", { name: "Ada Admin", role: "admin" });
  const teacher = await newAccount("teacher", { name: "Tess Teacher" });
  await admin.page.goto("/admin");
  await admin.page.getByLabel("Find by email or name").fill(teacher.email);
  await admin.page.getByRole("button", { name: "Search" }).click();
  const row = admin.page.locator(`[data-testid="account-row"][data-email="${teacher.email}"]`);
  await expect(row.getByTestId("account-role")).toHaveText("learner");
  await row.getByRole("button", { name: `Make instructor: ${teacher.email}` }).click();
  await expect(row.getByTestId("account-role")).toHaveText("instructor");
  await expectAccessible(admin.page);

  // The instructor creates a class (its time zone taken from their browser) and a track.
  const t = teacher.page;
  await t.goto("/teach");
  await t.getByLabel("Name", { exact: true }).fill(`ML 101 ${stamp}`);
  await expect(t.getByLabel("Time zone")).toHaveValue(TZ);
  await t.getByRole("button", { name: "Create class" }).click();
  await expect(t.getByRole("heading", { level: 1 })).toHaveText(`ML 101 ${stamp}`);
  const classUrl = t.url();
  const classId = classUrl.split("/").pop()!;
  const code = (await t.getByTestId("join-code").textContent())!.trim();
  expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);

  // A class deck with an error is refused with its line, and nothing is imported; a good one is.
  await t.getByLabel("Upload a deck (.md)").setInputFiles({ name: "week-1.md", mimeType: "text/markdown", buffer: Buffer.from("# Week 1\n\n#### Q1. What is a tensor?\n\n#### Q2. Why normalise?\nA2: Faster training.\n") });
  await t.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(t.getByRole("region", { name: "Class decks" }).getByRole("alert")).toContainText("week-1.md was not imported: 1 error");
  await expect(t.getByTestId("deck-error")).toHaveCount(1);
  await expect(t.getByTestId("deck-error").locator("td").first()).toHaveText("3");
  await expect(t.getByTestId("deck-error")).toContainText("Q1 has no answer");
  await expect(t.getByRole("list", { name: "Class decks" })).toHaveCount(0);
  await t.getByLabel("Upload a deck (.md)").setInputFiles({ name: "week-1.md", mimeType: "text/markdown", buffer: Buffer.from("# Week 1 notes\n\n#### Q1. What is a tensor?\nA1: An n-dimensional array.\n\n#### Q2. Why normalise?\nA2: Faster training.\n") });
  await t.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(t.getByRole("status").filter({ hasText: "week-1.md imported" })).toContainText("added Q1, Q2");
  await expect(t.getByRole("list", { name: "Class decks" })).toContainText("Week 1 notes");
  const classDeckHref = (await t.getByRole("list", { name: "Class decks" }).getByRole("link").getAttribute("href"))!;
  await expectAccessible(t);

  await t.getByLabel("New track").fill("Week 1");
  await t.getByRole("button", { name: "Add track" }).click();
  await t.getByRole("list", { name: "Tracks" }).getByRole("link", { name: "Week 1" }).click();
  await expect(t.getByRole("heading", { level: 1 })).toHaveText("Week 1");
  const due = localIn(3);
  // A deck to study…
  await t.getByLabel("Deck", { exact: true }).selectOption({ label: "Machine Learning Q&A (21 notes)" });
  await t.getByLabel(/Due date/).fill(due);
  await t.getByRole("button", { name: "Add to track" }).click();
  await expect(t.getByTestId("track-item")).toHaveCount(1);
  // …and an exercise to pass, both due in 3 days.
  await t.getByLabel("An exercise to pass").check();
  await t.getByLabel("Exercise", { exact: true }).selectOption({ label: "KL divergence" });
  await t.getByLabel(/Due date/).fill(due);
  await t.getByRole("button", { name: "Add to track" }).click();
  await expect(t.getByTestId("track-item")).toHaveCount(2);
  await expect(t.getByTestId("track-item").nth(1)).toContainText("pass at 100 % of the points");
  await expect(t.getByTestId("audit-entry")).toHaveCount(3); // created, two items added
  await expect(t.getByTestId("audit-entry").first()).toContainText("Tess Teacher added an item");
  await expectAccessible(t);

  // A learner joins with the code and sees the track, due in 3 days, and the class deck.
  const learner = await newAccount("learner", { name: "Lena Learner" });
  const l = learner.page;
  await l.goto("/tracks");
  await l.getByLabel("Class code").fill(code.toLowerCase());
  await l.getByRole("button", { name: "Join", exact: true }).click();
  await expect(l.getByRole("status").filter({ hasText: "You joined" })).toBeVisible();
  const myClass = l.getByTestId("my-class");
  await expect(myClass.getByRole("heading", { level: 2 })).toHaveText(`ML 101 ${stamp}`);
  await expect(myClass.getByTestId("my-item")).toHaveCount(2 + 2); // due soon ×2, then the track's two items
  await expect(myClass.getByRole("list", { name: /What matters now/ })).toContainText("Due soon");
  // Learners' pages work on a phone.
  await l.setViewportSize({ width: 390, height: 844 });
  expect(await l.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectAccessible(l);
  await l.goto("/decks");
  await expect(l.getByRole("list", { name: "Decks" })).toContainText("Week 1 notes");

  // An outsider does not see the class deck, not even by its address, nor the gradebook.
  const outsider = await newAccount("outsider", { name: "Otto" });
  await expect(outsider.page.getByRole("list", { name: "Decks" })).not.toContainText("Week 1 notes");
  await outsider.page.goto(classDeckHref);
  await expect(outsider.page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await outsider.page.goto(`/teach/classes/${classId}/gradebook`);
  await expect(outsider.page.getByRole("heading", { name: "Not found" })).toBeVisible();

  // The learner reviews three new cards (the assigned deck's come first) and submits a solution graded on the server.
  await l.goto("/review");
  for (let i = 0; i < 3; i++) {
    await expect(l.getByTestId("question")).toBeVisible();
    const before = await l.getByTestId("count-new").textContent();
    await l.keyboard.press("Space");
    await expect(l.getByTestId("answer")).toBeVisible();
    await l.keyboard.press("4");
    await expect(l.getByTestId("count-new")).not.toHaveText(before!);
  }
  // Submitted as the lab page submits (its editor and button are e2e/lab.spec.ts's subject): the learner's session,
  // same-origin JSON, graded and stored by the server.
  const submitted = await l.request.post("/api/lab/submissions", {
    headers: { origin: new URL(l.url()).origin, "content-type": "application/json" },
    data: { exerciseId: "kl-divergence", code: reference },
    timeout: 90_000,
  });
  expect(submitted.status()).toBe(201);
  const graded = ((await submitted.json()) as { results: { status: string; points: number; maxPoints: number } }).results;
  expect(graded.status).toBe("pass");
  expect(graded.points).toBe(graded.maxPoints);
  await l.goto("/tracks");
  await expect(myClass.getByTestId("my-item").filter({ hasText: "KL divergence" }).last()).toHaveAttribute("data-status", "on-time");

  // The instructor's gradebook shows the learner's progress and score.
  await t.goto(`/teach/classes/${classId}/gradebook`);
  const gradeRow = t.locator(`[data-testid="gradebook-row"][data-learner="${learner.email}"]`);
  await expect(gradeRow).toBeVisible();
  const cells = gradeRow.locator("td");
  await expect(cells).toHaveCount(6);
  const text = async (i: number) => ((await cells.nth(i).textContent()) ?? "").replace(/\s+/g, " ").trim();
  // 3 of the deck's 21 cards studied (the goal: its status beside it, open until due in 3 days); three answers, none Again.
  expect(await text(0)).toBe(`${Math.round((3 / 21) * 1000) / 10}% open`);
  expect(await text(2)).toBe("100% (3)");
  expect(await text(3)).toBe(`${graded.maxPoints}/${graded.maxPoints}`);
  expect(await text(4)).toBe("1");
  expect(await text(5)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} on time$/);
  await expect(t.locator("th[aria-sort]").first()).toHaveAttribute("aria-sort", "ascending");
  await expectAccessible(t);

  // Sorting is a keyboard-reachable button that says its direction.
  const bestHeader = t.getByRole("columnheader", { name: /Sort by KL divergence: Best/ });
  await bestHeader.getByRole("button").focus();
  await t.keyboard.press("Enter");
  await expect(t.getByRole("columnheader", { name: /Sort by KL divergence: Best/ })).toHaveAttribute("aria-sort", "descending");

  // The CSV downloads and parses with the same numbers.
  const [download] = await Promise.all([t.waitForEvent("download"), t.getByRole("link", { name: "Download CSV" }).click()]);
  const csv = fs.readFileSync((await download.path())!, "utf8");
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const [header, ...rows] = parseCsv(csv);
  const mine = rows.find((r) => r[1] === learner.email)!;
  const column = (suffix: string) => header!.findIndex((h) => h.endsWith(suffix));
  expect(mine[0]).toBe("Lena Learner");
  expect(mine[column(": studied %")]).toBe(`${Math.round((3 / 21) * 1000) / 10}`);
  expect(mine[column(": recall % (30 days)")]).toBe("100");
  expect(mine[column(": reviews (30 days)")]).toBe("3");
  expect(mine[column(": best points")]).toBe(String(graded.maxPoints));
  expect(mine[column(": max points")]).toBe(String(graded.maxPoints));
  expect(mine[column(": attempts")]).toBe("1");
  expect(mine[column(`: first passed (${TZ})`)]).toBe((await text(5)).replace(" on time", ""));
  expect(header![column(": status")]).toContain("Week 1 / ");
  expect(mine.filter((cell) => cell === "on time")).toHaveLength(1);
});
