import type { Problem } from "./code-editor";

/** The editor's syntax and type errors, the first 20 of them. */
export function ProblemsList({ problems }: { problems: Problem[] }) {
  if (problems.length === 0) return null;
  return (
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
  );
}
