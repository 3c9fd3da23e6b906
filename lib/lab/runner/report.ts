// Results as text for a terminal: one line per test, the message under a test that did not pass, then the total.
import type { Results, TestResult } from "./results";

const MARKS: Record<TestResult["status"], string> = { pass: "✓", fail: "✗", error: "✗", timeout: "⧗", skipped: "–" };

export function formatReport(results: Results, heading?: string): string {
  const lines: string[] = [];
  if (heading) lines.push(heading, "");
  if (results.message) lines.push("Could not run the tests:", ...indent(results.message, 2), "");
  for (const test of results.tests) {
    const tags = [test.hidden ? "hidden" : "", test.status === "error" || test.status === "timeout" ? test.status : ""].filter(Boolean);
    const name = tags.length ? `${test.name} (${tags.join(", ")})` : test.name;
    lines.push(`${MARKS[test.status]} ${name}  ${formatPoints(test.points)}/${formatPoints(test.maxPoints)} pt${test.durationMs === undefined ? "" : ` · ${Math.round(test.durationMs)} ms`}`);
    if (test.message && test.status !== "skipped") lines.push(...indent(test.message, 4));
    if (test.output) lines.push("    output:", ...indent(test.output.trimEnd(), 6));
  }
  const passed = results.tests.filter((test) => test.status === "pass").length;
  lines.push(
    "",
    `${results.status === "pass" ? "PASS" : results.status === "fail" ? "FAIL" : "ERROR"}  ${formatPoints(results.points)}/${formatPoints(results.maxPoints)} points · ${passed}/${results.tests.length} tests passed · ${results.backend} · ${Math.round(results.durationMs)} ms`,
  );
  return lines.join("\n");
}

function indent(text: string, spaces: number): string[] {
  return text.split("\n").map((line) => `${" ".repeat(spaces)}${line}`);
}

function formatPoints(points: number): string {
  return Number.isInteger(points) ? String(points) : points.toFixed(1);
}
