"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { BACKEND_ORDER, type BackendName } from "@/lib/lab/browser/protocol";
import { LabSupervisor, type RunProgress } from "@/lib/lab/browser/supervisor";
import type { Results } from "@/lib/lab/runner/results";
import { withTestCode, type TestCodeView } from "@/lib/lab/runner/test-source";
import { CodeEditor, type Problem } from "./code-editor";
import { ResultsPanel } from "./results-panel";
import { submitCode } from "@/lib/lab/browser/submit";
import { Submissions, useHistory } from "./submissions";
import { useShowLabTab } from "./lab-split";

type Props = {
  exercise: { id: string; exports: string[]; starter: string };
  initialCode: string;
  /** Each visible test's source and its highlighted HTML, by name (rendered on the server). */
  testCode: Record<string, TestCodeView>;
};

type SaveState = "saved" | "saving" | "unsaved" | "failed" | "rejected";

const SAVE_LABEL: Record<SaveState, string> = {
  saved: "Saved",
  saving: "Saving…",
  unsaved: "Unsaved changes",
  failed: "Not saved — retrying",
  rejected: "Not saved",
};

function forcedBackend(): BackendName | undefined {
  const value = new URLSearchParams(window.location.search).get("backend");
  return BACKEND_ORDER.find((name) => name === value);
}

export function Workbench({ exercise, initialCode, testCode }: Props) {
  const [code, setCode] = useState(initialCode);
  const [saveState, setSaveState] = useState<SaveState>("saved");
  const [problems, setProblems] = useState<Problem[]>([]);
  const [shownResults, setShownResults] = useState<Results | null>(null);
  const sources = useMemo(() => Object.fromEntries(Object.entries(testCode).map(([name, view]) => [name, view.source])), [testCode]);
  // Whatever is shown (a browser run, a server grade, an older submission) carries its visible tests' code.
  const results = useMemo(() => (shownResults ? withTestCode(shownResults, sources) : null), [shownResults, sources]);
  const [progress, setProgress] = useState<RunProgress | null>(null);
  const [running, setRunning] = useState(false);
  const [backend, setBackend] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [runs, setRuns] = useState(0);
  const [submitting, setSubmitting] = useState(false);
  const [graded, setGraded] = useState<string | null>(null);
  const { history, refresh, more } = useHistory(exercise.id);
  const showTab = useShowLabTab();
  const supervisor = useMemo(() => (typeof window === "undefined" ? null : new LabSupervisor(forcedBackend())), []);
  const codeRef = useRef(code);
  const runningRef = useRef(false);
  const saveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    supervisor?.warm();
    return () => supervisor?.dispose();
  }, [supervisor]);

  const save = useCallback(
    async (text: string) => {
      setSaveState("saving");
      try {
        const response = await fetch(`/api/lab/drafts/${exercise.id}`, {
          method: "PUT",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ code: text }),
        });
        if (response.ok) {
          if (codeRef.current === text) setSaveState("saved");
          return;
        }
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        if (response.status === 400 || response.status === 413 || response.status === 422) {
          setSaveState("rejected");
          setNotice(body?.error?.message ?? "Your code could not be saved.");
          return;
        }
        throw new Error(String(response.status));
      } catch {
        setSaveState("failed");
      }
    },
    [exercise.id],
  );

  // A save that failed on the network is retried every 5 s until it goes through (or the code changes again).
  useEffect(() => {
    if (saveState !== "failed") return;
    const retry = setTimeout(() => void save(codeRef.current), 5000);
    return () => clearTimeout(retry);
  }, [saveState, save]);

  const onChange = useCallback(
    (text: string) => {
      setCode(text);
      codeRef.current = text;
      setSaveState("unsaved");
      clearTimeout(saveTimer.current);
      saveTimer.current = setTimeout(() => {
        saveTimer.current = undefined;
        void save(text);
      }, 800);
    },
    [save],
  );

  const run = useCallback(async () => {
    // A ref, not the `running` state: two quick Ctrl+Enter presses come before React re-renders.
    if (!supervisor || runningRef.current) return;
    const syntax = problems.filter((p) => p.syntax);
    if (syntax.length > 0) {
      setNotice(`Fix the syntax error${syntax.length > 1 ? "s" : ""} listed above first: the tests cannot load this code.`);
      return;
    }
    setNotice(problems.length ? "Your code has type errors (listed above); running it anyway — they may explain a failure." : null);
    runningRef.current = true;
    setRunning(true);
    setProgress(null);
    const outcome = await supervisor.run({ exerciseId: exercise.id, source: codeRef.current, exports: exercise.exports }, (p) => {
      setProgress(p);
      if (p.backend) setBackend(p.backend);
    });
    setBackend(outcome.backend);
    setShownResults(outcome);
    setGraded("browser");
    setRuns((n) => n + 1);
    runningRef.current = false;
    setRunning(false);
    showTab("results");
    requestAnimationFrame(() => document.getElementById("verdict")?.focus());
  }, [exercise.exports, exercise.id, problems, showTab, supervisor]);

  // Ctrl/Cmd+Enter runs from anywhere on the page; inside the editor Monaco handles it (and prevents the default).
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && !event.defaultPrevented) {
        event.preventDefault();
        void run();
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [run]);

  // Leaving the page within the autosave delay: send the last edit anyway (keepalive outlives the page).
  useEffect(() => {
    const flush = () => {
      if (saveTimer.current === undefined) return;
      clearTimeout(saveTimer.current);
      saveTimer.current = undefined;
      void fetch(`/api/lab/drafts/${exercise.id}`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ code: codeRef.current }),
        keepalive: true,
      }).catch(() => undefined);
    };
    window.addEventListener("pagehide", flush);
    return () => {
      window.removeEventListener("pagehide", flush);
      flush();
    };
  }, [exercise.id]);

  const submit = useCallback(async () => {
    if (submitting || running) return;
    setSubmitting(true);
    setNotice("Grading on the server, hidden tests included…");
    const outcome = await submitCode(exercise.id, codeRef.current, {
      onRetry: (seconds) => setNotice(`The grader is busy; trying again in ${seconds} s…`),
      onPending: () => setNotice("Still grading: many submissions are waiting. Your result will show here as soon as it is stored…"),
    });
    setSubmitting(false);
    if (!outcome.ok) {
      setNotice(outcome.message);
      return;
    }
    const { results, rescheduledCards } = outcome.submission;
    setShownResults(results);
    setRuns((n) => n + 1);
    setGraded("server");
    showTab("results");
    setNotice(
      results.status === "pass"
        ? "Submitted: every test passed on the server."
        : `Submitted: graded on the server.${rescheduledCards ? ` The ${rescheduledCards} card${rescheduledCards > 1 ? "s" : ""} of the notes this exercise practises are back in today's review.` : ""}`,
    );
    await refresh();
    requestAnimationFrame(() => document.getElementById("verdict")?.focus());
  }, [exercise.id, refresh, running, showTab, submitting]);

  const openSubmission = useCallback(
    async (id: string) => {
      const response = await fetch(`/api/lab/submissions/${id}`, { cache: "no-store" }).catch(() => null);
      if (!response?.ok) return setNotice("That submission could not be opened. Try again.");
      const submission = (await response.json()) as { code: string; results: Results; createdAt: string };
      onChange(submission.code);
      setShownResults(submission.results);
      setGraded("server");
      setNotice(`Opened your submission of ${new Date(submission.createdAt).toLocaleString()} in the editor.`);
    },
    [onChange],
  );

  const reset = useCallback(() => {
    if (!window.confirm("Replace your code with the starter? Your current code will be lost.")) return;
    onChange(exercise.starter);
    setShownResults(null);
  }, [exercise.starter, onChange]);

  // Two panes (lab-split.tsx): the code (toolbar and editor) and what the code did (problems, results, history).
  // The results pane has a fixed place: nothing above or beside it moves while tests run.
  return (
    <>
      <section id="lab-pane-code" data-pane="code" aria-labelledby="lab-tab-code" className="lab-code">
        <div className="flex flex-wrap items-center gap-3">
          <button
            type="button"
            onClick={() => void run()}
            disabled={running}
            aria-keyshortcuts="Control+Enter Meta+Enter"
            className="min-w-40 rounded-md bg-indigo-700 px-4 py-2 font-medium text-white hover:bg-indigo-800 disabled:opacity-60"
          >
            {running ? "Running…" : "Run tests"} <kbd className="ml-1 text-xs opacity-80">Ctrl+Enter</kbd>
          </button>
          <button
            type="button"
            onClick={() => void submit()}
            disabled={submitting || running}
            className="min-w-32 rounded-md border border-indigo-700 px-4 py-2 font-medium text-indigo-800 hover:bg-indigo-50 disabled:opacity-60 dark:border-indigo-400 dark:text-indigo-200 dark:hover:bg-indigo-950"
          >
            {submitting ? "Submitting…" : "Submit"}
          </button>
          <button type="button" onClick={reset} className="rounded-md border border-stone-300 px-3 py-2 text-sm hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800">
            Reset to starter
          </button>
          <span className="text-sm text-stone-600 dark:text-stone-400" data-testid="save-state" aria-live="polite">
            {SAVE_LABEL[saveState]}
          </span>
          <span className="ml-auto rounded-full bg-stone-200 px-2.5 py-0.5 font-mono text-xs text-stone-800 dark:bg-stone-800 dark:text-stone-200" title="TensorFlow.js backend">
            backend: <span data-testid="backend">{backend ?? "starting…"}</span>
          </span>
        </div>
        <div className="lab-editor">
          <CodeEditor value={code} onChange={onChange} onProblems={setProblems} onRun={() => void run()} />
        </div>
      </section>
      <section id="lab-pane-results" data-pane="results" aria-labelledby="lab-tab-results" className="lab-results" tabIndex={0}>
        {problems.length > 0 && (
          <section aria-label="Problems in your code" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950">
            <h2 className="font-medium">
              {problems.length} problem{problems.length > 1 ? "s" : ""} in your code
            </h2>
            <ul className="mt-1 space-y-0.5 font-mono text-xs" data-testid="problems">
              {problems.slice(0, 20).map((p, i) => (
                <li key={i}>
                  {p.line}:{p.column} {p.syntax ? "syntax" : "type"} error: {p.message}
                </li>
              ))}
            </ul>
          </section>
        )}
        {notice && (
          <p role="status" className="text-sm text-stone-700 dark:text-stone-300">
            {notice}
          </p>
        )}
        <div aria-live="polite" data-testid="results" data-runs={runs} data-graded={graded ?? ""}>
          {graded && results && !running && (
            <p className="text-xs text-stone-600 dark:text-stone-400">
              {graded === "server" ? "Graded on the server, hidden tests included: this is the grade that counts." : "A preview in your browser (visible tests only). Submit for the grade that counts."}
            </p>
          )}
          <ResultsPanel results={results} progress={progress} running={running} testCode={testCode} />
        </div>
        <section aria-labelledby="history-heading" className="space-y-2">
          <h2 id="history-heading" className="font-medium">
            Your submissions
          </h2>
          <Submissions history={history} onOpen={(id) => void openSubmission(id)} onMore={() => void more()} />
        </section>
      </section>
    </>
  );
}
