// What a learner may see of a server grade: a hidden test is its name, its verdict and its points, nothing else. A
// message can quote its inputs, an output is whatever the learner's code printed while holding them, and a duration
// is whatever the code made it (a wait of p[0] seconds reads p[0] back). So all three are dropped, and the run's
// total time becomes the visible tests' time. The page explains a hidden verdict in words of its own.
import type { Results, TestResult } from "@/lib/lab/runner/results";

const AFTER_HIDDEN = "Not shown: this test ran after a hidden test.";

export function redactHidden(results: Results): Results {
  // Tests run visible first; should a hidden test ever run before a visible one, what the learner's code saw in it
  // could surface in later messages, so everything after the first hidden test is treated as hidden.
  const firstHidden = results.tests.findIndex((test) => test.hidden);
  if (firstHidden < 0) return results;
  const shown = results.tests.slice(0, firstHidden);
  const visibleMs = shown.reduce((total, test) => total + (test.durationMs ?? 0), 0);
  const rest = results.tests.slice(firstHidden).map((test): TestResult => {
    const verdict: TestResult = { name: test.name, status: test.status, points: test.points, maxPoints: test.maxPoints, hidden: test.hidden };
    if (test.hidden) return verdict;
    return test.status === "pass" ? { ...verdict, durationMs: 0 } : { ...verdict, message: AFTER_HIDDEN, durationMs: 0 };
  });
  return { ...results, tests: [...shown, ...rest], durationMs: Math.round(visibleMs * 10) / 10 };
}
