"use client";

import { useCallback, useState } from "react";
import { apiRequest } from "@/lib/http/api-client";
import type { Results } from "@/lib/lab/runner/results";
import type { TestCodeView } from "@/lib/lab/runner/test-source";
import { CodeEditor, type Problem } from "./code-editor";
import { useShowLabTab } from "./lab-split";
import { ProblemsList } from "./problems-list";
import { ResultsPanel } from "./results-panel";
import { Submissions, useHistory } from "./submissions";
import { useDraft } from "./use-draft";
import { useLabRun } from "./use-lab-run";
import { useRunShortcut } from "./use-run-shortcut";
import { useShownResults } from "./use-shown-results";
import { submittedNotice, useSubmission } from "./use-submission";
import { WorkbenchToolbar } from "./workbench-toolbar";

type Props = {
  exercise: { id: string; exports: string[]; starter: string };
  initialCode: string;
  /** Each visible test's source and its highlighted HTML, by name (rendered on the server). */
  testCode: Record<string, TestCodeView>;
};

const focusVerdict = () => requestAnimationFrame(() => document.getElementById("verdict")?.focus());

export function Workbench({ exercise, initialCode, testCode }: Props) {
  const [notice, setNotice] = useState<string | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const { code, saveState, edit, current } = useDraft(exercise.id, initialCode, setNotice);
  const { run: runTests, running, progress, backend } = useLabRun(exercise, setNotice);
  const { submit, submitting } = useSubmission(exercise.id, setNotice);
  const { results, graded, runs, showVerdict, showSubmission, clear } = useShownResults(testCode);
  const { history, refresh, more } = useHistory(exercise.id);
  const showTab = useShowLabTab();

  const run = useCallback(async () => {
    const outcome = await runTests(current(), problems);
    if (!outcome) return;
    showVerdict(outcome, "browser");
    showTab("results");
    focusVerdict();
  }, [current, problems, runTests, showTab, showVerdict]);
  useRunShortcut(useCallback(() => void run(), [run]));

  const grade = useCallback(async () => {
    if (running) return;
    const submission = await submit(current());
    if (!submission) return;
    showVerdict(submission.results, "server");
    showTab("results");
    setNotice(submittedNotice(submission));
    await refresh();
    focusVerdict();
  }, [current, refresh, running, showTab, showVerdict, submit]);

  const openSubmission = useCallback(
    async (id: string) => {
      const opened = await apiRequest<{ code: string; results: Results; createdAt: string }>(`/api/lab/submissions/${id}`);
      if (!opened.ok) return setNotice("That submission could not be opened. Try again.");
      edit(opened.data.code);
      showSubmission(opened.data.results);
      setNotice(`Opened your submission of ${new Date(opened.data.createdAt).toLocaleString()} in the editor.`);
    },
    [edit, showSubmission],
  );

  const reset = useCallback(() => {
    if (!window.confirm("Replace your code with the starter? Your current code will be lost.")) return;
    edit(exercise.starter);
    clear();
  }, [clear, edit, exercise.starter]);

  // Two panes (lab-split.tsx): the code (toolbar and editor) and what the code did (problems, results, history).
  // The results pane has a fixed place: nothing above or beside it moves while tests run.
  return (
    <>
      <section id="lab-pane-code" data-pane="code" aria-labelledby="lab-tab-code" className="lab-code">
        <WorkbenchToolbar
          running={running}
          submitting={submitting}
          saveState={saveState}
          backend={backend}
          onRun={() => void run()}
          onSubmit={() => void grade()}
          onReset={reset}
        />
        <div className="lab-editor">
          <CodeEditor value={code} onChange={edit} onProblems={setProblems} onRun={() => void run()} />
        </div>
      </section>
      <section id="lab-pane-results" data-pane="results" aria-labelledby="lab-tab-results" className="lab-results" tabIndex={0}>
        <ProblemsList problems={problems} />
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
