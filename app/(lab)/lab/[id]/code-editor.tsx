"use client";

// Monaco from the npm package (never a CDN), with TypeScript's language service and tfjs's declarations.
import Editor, { loader, type OnMount } from "@monaco-editor/react";
import type * as Monaco from "monaco-editor";
import { useEffect, useRef, useState } from "react";
import { apiRequest } from "@/lib/http/api-client";
import { usePrefersDark } from "./use-color-scheme";

export type Problem = { line: number; column: number; message: string; syntax: boolean };

type Props = {
  value: string;
  onChange: (code: string) => void;
  onProblems: (problems: Problem[]) => void;
  onRun: () => void;
};

let setup: Promise<typeof Monaco> | null = null;
const DARK_THEME = "latent-dark";

function loadMonaco(): Promise<typeof Monaco> {
  setup ??= (async () => {
    (self as unknown as { MonacoEnvironment: Monaco.Environment }).MonacoEnvironment = {
      getWorker(_id: string, label: string) {
        if (label === "typescript" || label === "javascript") {
          return new Worker(new URL("monaco-editor/esm/vs/language/typescript/ts.worker.js", import.meta.url), { type: "module" });
        }
        return new Worker(new URL("monaco-editor/esm/vs/editor/editor.worker.js", import.meta.url), { type: "module" });
      },
    };
    const monaco = await import("monaco-editor");
    loader.config({ monaco });
    // vs-dark's comments (#608B4E on #1E1E1E, 4.2:1) miss WCAG's 4.5:1: VS Code's later green (5:1) instead.
    monaco.editor.defineTheme(DARK_THEME, { base: "vs-dark", inherit: true, rules: [{ token: "comment", foreground: "6A9955" }], colors: {} });
    const ts = monaco.typescript;
    ts.typescriptDefaults.setCompilerOptions({
      target: ts.ScriptTarget.ES2020,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.NodeJs,
      strict: true,
      esModuleInterop: true,
      allowNonTsExtensions: true,
      skipLibCheck: true,
      lib: ["es2020", "dom"],
    });
    ts.typescriptDefaults.setEagerModelSync(true);
    // tfjs's declarations arrive after the editor is usable (about 2.5 MB, cached by the browser).
    void apiRequest<{ files: Record<string, string> }>("/api/lab/typings", { cache: "default" })
      .then((typings) => {
        if (typings.ok) ts.typescriptDefaults.setExtraLibs(Object.entries(typings.data.files).map(([path, content]) => ({ filePath: `file:///${path}`, content })));
      })
      .catch(() => undefined);
    return monaco;
  })();
  return setup;
}

// TypeScript's syntax diagnostics are numbered 1000–1999; the rest are type errors.
const isSyntax = (marker: Monaco.editor.IMarker) => {
  const code = Number(typeof marker.code === "object" ? marker.code?.value : marker.code);
  return code >= 1000 && code < 2000;
};

export function CodeEditor({ value, onChange, onProblems, onRun }: Props) {
  const [ready, setReady] = useState(false);
  const dark = usePrefersDark();
  // Monaco keeps the command registered at mount: it must call the latest onRun, not the first render's.
  const runRef = useRef(onRun);
  useEffect(() => {
    runRef.current = onRun;
  }, [onRun]);
  useEffect(() => {
    let live = true;
    void loadMonaco().then(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, []);

  const onMount: OnMount = (editor, monaco) => {
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => runRef.current());
    const model = editor.getModel();
    const report = () => {
      if (!model) return;
      const markers = monaco.editor.getModelMarkers({ resource: model.uri }).filter((m: Monaco.editor.IMarker) => m.severity === monaco.MarkerSeverity.Error);
      onProblems(markers.map((m: Monaco.editor.IMarker) => ({ line: m.startLineNumber, column: m.startColumn, message: m.message, syntax: isSyntax(m) })));
    };
    const subscription = monaco.editor.onDidChangeMarkers(report);
    editor.onDidDispose(() => subscription.dispose());
    report();
    editor.focus();
  };

  if (!ready) {
    return (
      <div className="flex h-full items-center justify-center rounded-lg border border-stone-300 bg-white text-sm text-stone-600 dark:border-stone-700 dark:bg-stone-900 dark:text-stone-400" role="status">
        Loading the editor…
      </div>
    );
  }
  return (
    <div className="h-full overflow-hidden rounded-lg border border-stone-300 dark:border-stone-700" data-testid="editor" data-theme={dark ? DARK_THEME : "light"}>
      <Editor
        height="100%"
        defaultLanguage="typescript"
        path="file:///solution.ts"
        value={value}
        onChange={(code) => onChange(code ?? "")}
        onMount={onMount}
        theme={dark ? DARK_THEME : "light"}
        options={{ minimap: { enabled: false }, fontSize: 14, scrollBeyondLastLine: false, tabSize: 2, automaticLayout: true, ariaLabel: "Your solution" }}
      />
    </div>
  );
}
