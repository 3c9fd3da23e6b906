"use client";

import type { TestCodeView } from "@/lib/lab/runner/test-source";
import type { Results, TestResult } from "@/lib/lab/runner/results";
import type { RunProgress } from "@/lib/lab/browser/supervisor";

const ICON: Record<TestResult["status"], { mark: string; label: string; tone: string }> = {
  pass: { mark: "✓", label: "passed", tone: "text-emerald-700 dark:text-emerald-400" },
  fail: { mark: "✗", label: "failed", tone: "text-red-700 dark:text-red-400" },
  error: { mark: "⚠", label: "error", tone: "text-amber-700 dark:text-amber-400" },
  timeout: { mark: "⏱", label: "timed out", tone: "text-red-700 dark:text-red-400" },
  skipped: { mark: "–", label: "not run", tone: "text-stone-500 dark:text-stone-400" },
};

// A server grade shows a hidden test's verdict only (lib/lab/submissions/redact.ts): what it means is said here.
const HIDDEN_ADVICE: Record<Exclude<TestResult["status"], "pass">, string> = {
  fail: "This hidden test failed. Its inputs are not shown: think about the cases the visible tests do not cover (other shapes, zeros, larger batches).",
  error: "Your code threw an error in this hidden test. Its inputs are not shown: check the cases the visible tests do not cover.",
  timeout: "This hidden test did not finish in time. Look for a loop that never ends or a very large tensor.",
  skipped: "Not run: an earlier test had to be stopped.",
};

function TestRow({ test, testCode }: { test: TestResult; testCode?: Record<string, TestCodeView> }) {
  const icon = ICON[test.status];
  const message = test.message ?? (test.hidden && test.status !== "pass" ? HIDDEN_ADVICE[test.status] : undefined);
  return (
    <li className="space-y-1 py-2" data-testid="test-result" data-status={test.status}>
      <div className="flex items-baseline gap-2">
        <span className={`w-4 shrink-0 font-mono ${icon.tone}`} aria-hidden>
          {icon.mark}
        </span>
        <span className="sr-only">{icon.label}:</span>
        <span className="flex-1" data-testid="test-name">
          {test.name}
          {test.hidden && <span className="ml-2 text-xs text-stone-600 dark:text-stone-400">(hidden)</span>}
        </span>
        <span className="shrink-0 font-mono text-xs text-stone-600 dark:text-stone-400">
          {test.points}/{test.maxPoints} pt{test.durationMs === undefined ? "" : ` · ${Math.round(test.durationMs)} ms`}
        </span>
      </div>
      {message && (
        <pre className="ml-6 overflow-x-auto whitespace-pre-wrap rounded bg-stone-100 p-2 text-xs leading-5 text-stone-800 dark:bg-stone-800 dark:text-stone-200" data-testid="test-message">
          {message}
        </pre>
      )}
      {test.test_code !== undefined && !test.hidden && test.status !== "pass" && test.status !== "skipped" && <TestCode code={test.test_code} view={testCode?.[test.name]} />}
      {test.output && (
        <details className="ml-6 text-xs">
          <summary className="cursor-pointer text-stone-600 dark:text-stone-400">Console output</summary>
          <pre className="overflow-x-auto whitespace-pre-wrap p-2">{test.output}</pre>
        </details>
      )}
    </li>
  );
}

/** A failing test's own source, highlighted on the server when it is the exercise's current test (older grades keep theirs). */
function TestCode({ code, view }: { code: string; view?: TestCodeView }) {
  return (
    <details open className="ml-6 text-xs" data-testid="test-code">
      <summary className="cursor-pointer text-stone-600 dark:text-stone-400">The test</summary>
      {view?.source === code ? (
        // Highlighted and sanitized on the server (lib/content/render.ts), from lab/<id>/tests.ts.
        <div className="prose-answer test-code mt-1" dangerouslySetInnerHTML={{ __html: view.html }} />
      ) : (
        <div className="prose-answer test-code mt-1">
          <pre>
            <code>{code}</code>
          </pre>
        </div>
      )}
    </details>
  );
}

export function ResultsPanel({ results, progress, running, testCode }: { results: Results | null; progress: RunProgress | null; running: boolean; testCode?: Record<string, TestCodeView> }) {
  // While a run is going, the previous verdict is gone: a stale "All tests passed" must never stand for this run.
  if (running) {
    const done = progress ? progress.finished.filter(Boolean).length : 0;
    return (
      <section aria-label="Test results" className="space-y-2">
        <p role="status" className="text-sm text-stone-700 dark:text-stone-300">
          {progress?.planned.length ? `Running test ${Math.min(done + 1, progress.planned.length)} of ${progress.planned.length}…` : progress?.backend ? "Loading your code…" : "Starting TensorFlow.js…"}
        </p>
        <ol className="divide-y divide-stone-200 dark:divide-stone-800">
          {progress?.finished.filter(Boolean).map((test) => (
            <TestRow key={test.name} test={test} testCode={testCode} />
          ))}
        </ol>
      </section>
    );
  }
  if (!results) return null;
  const verdict = results.status === "pass" ? "All tests passed" : results.status === "error" ? "Could not run the tests" : "Some tests failed";
  return (
    <section aria-label="Test results" className="space-y-2">
      <h2 tabIndex={-1} id="verdict" className="text-lg font-semibold" data-testid="verdict" data-status={results.status}>
        {verdict} · {results.points}/{results.maxPoints} points
      </h2>
      {results.message && (
        <pre className="overflow-x-auto whitespace-pre-wrap rounded bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200" data-testid="suite-message">
          {results.message}
        </pre>
      )}
      <ol className="divide-y divide-stone-200 dark:divide-stone-800">
        {results.tests.map((test) => (
          <TestRow key={test.name} test={test} testCode={testCode} />
        ))}
      </ol>
      <p className="text-xs text-stone-600 dark:text-stone-400">
        {results.tests.some((test) => test.hidden)
          ? `Ran on ${results.backend}; the visible tests took ${Math.round(results.durationMs)} ms (hidden tests' times are not shown).`
          : `Ran on ${results.backend} in ${Math.round(results.durationMs)} ms.`}
      </p>
    </section>
  );
}
