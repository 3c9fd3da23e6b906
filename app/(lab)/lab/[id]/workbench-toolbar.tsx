import type { SaveState } from "./use-draft";

const SAVE_LABEL: Record<SaveState, string> = {
  saved: "Saved",
  saving: "Saving…",
  unsaved: "Unsaved changes",
  failed: "Not saved — retrying",
  rejected: "Not saved",
};

type Props = {
  running: boolean;
  submitting: boolean;
  saveState: SaveState;
  backend: string | null;
  onRun: () => void;
  onSubmit: () => void;
  onReset: () => void;
};

/** Above the editor: Run tests, Submit, Reset to starter, whether the draft is saved, the backend in use. */
export function WorkbenchToolbar({ running, submitting, saveState, backend, onRun, onSubmit, onReset }: Props) {
  return (
    <div className="flex flex-wrap items-center gap-3">
      <button
        type="button"
        onClick={onRun}
        disabled={running}
        aria-keyshortcuts="Control+Enter Meta+Enter"
        className="min-w-40 rounded-md bg-indigo-700 px-4 py-2 font-medium text-white hover:bg-indigo-800 disabled:opacity-60"
      >
        {running ? "Running…" : "Run tests"} <kbd className="ml-1 text-xs opacity-80">Ctrl+Enter</kbd>
      </button>
      <button
        type="button"
        onClick={onSubmit}
        disabled={submitting || running}
        className="min-w-32 rounded-md border border-indigo-700 px-4 py-2 font-medium text-indigo-800 hover:bg-indigo-50 disabled:opacity-60 dark:border-indigo-400 dark:text-indigo-200 dark:hover:bg-indigo-950"
      >
        {submitting ? "Submitting…" : "Submit"}
      </button>
      <button type="button" onClick={onReset} className="rounded-md border border-stone-300 px-3 py-2 text-sm hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800">
        Reset to starter
      </button>
      <span className="text-sm text-stone-600 dark:text-stone-400" data-testid="save-state" aria-live="polite">
        {SAVE_LABEL[saveState]}
      </span>
      <span className="ml-auto rounded-full bg-stone-200 px-2.5 py-0.5 font-mono text-xs text-stone-800 dark:bg-stone-800 dark:text-stone-200" title="TensorFlow.js backend">
        backend: <span data-testid="backend">{backend ?? "starting…"}</span>
      </span>
    </div>
  );
}
