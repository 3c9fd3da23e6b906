import Link from "next/link";

/** Fields of the learner's stored settings that failed validation: their defaults apply until fixed. */
export type SettingsProblems = Array<{ field: string; message: string }>;

export function SettingsProblemsNotice({ problems }: { problems: SettingsProblems }) {
  if (problems.length === 0) return null;
  return (
    <div className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200" data-testid="settings-problems">
      <p>Some of your saved settings are not valid any more, so their defaults apply until you fix them:</p>
      <ul className="ml-5 list-disc">
        {problems.map((problem) => (
          <li key={problem.field}>{problem.message}</li>
        ))}
      </ul>
      <Link href="/settings" className="font-medium underline">
        Fix them in Settings
      </Link>
    </div>
  );
}
