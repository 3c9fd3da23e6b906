import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { formatDue, formatLocal } from "@/lib/teach/due";
import { percent } from "@/lib/teach/gradebook";
import { learnerReport } from "@/lib/teach/learners";
import { loadOrRefuse } from "../../../../../_components/guard";
import { TeachBreadcrumb, Section, StatusBadge } from "../../../../../_components/ui";

export const metadata: Metadata = { title: "Learner" };

type Props = { params: Promise<{ classId: string; userId: string }> };

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="rounded-lg border border-stone-200 p-3 dark:border-stone-800">
      <dt className="text-sm text-stone-600 dark:text-stone-400">{label}</dt>
      <dd className="text-2xl font-semibold tabular-nums">{value}</dd>
      {hint && <dd className="text-xs text-stone-600 dark:text-stone-400">{hint}</dd>}
    </div>
  );
}

export default async function LearnerPage({ params }: Props) {
  const { classId, userId } = await params;
  const user = await requireUser(`/teach/classes/${classId}/learners/${userId}`);
  const loaded = await loadOrRefuse(learnerReport(getDb(), user, classId, userId));
  if (!loaded.ok) return loaded.page;
  const { access, learner, progress, memory, submissions } = loaded.value;
  const tz = access.timeZone;
  const recall = percent(memory.remembered, memory.reviews);

  return (
    <div className="space-y-6">
      <TeachBreadcrumb
        trail={[
          { href: `/teach/classes/${classId}`, label: access.className },
          { href: `/teach/classes/${classId}/gradebook`, label: "Gradebook" },
        ]}
      />
      <header>
        <h1 className="text-2xl font-semibold">{learner.name || learner.email}</h1>
        <p className="text-sm text-stone-600 dark:text-stone-400">
          {learner.name && `${learner.email} · `}joined {formatDue(learner.joinedAt, tz)}
        </p>
      </header>

      <Section title="Memory of this class's cards" id="memory">
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          <Stat label="Recall, last 30 days" value={recall === null ? "—" : `${recall}%`} hint={`${memory.reviews} answers, ${memory.reviews - memory.remembered} Again`} />
          <Stat label="Studied" value={`${memory.studied}/${memory.cards}`} hint={`${memory.mastered} mastered (≥ 21 days)`} />
          <Stat label="Due now" value={String(memory.dueNow)} />
          <Stat label="Due within 7 days" value={String(memory.dueWeek)} />
        </dl>
      </Section>

      <Section title="Items" id="items">
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm tabular-nums">
            <thead>
              <tr className="border-b border-stone-200 text-left dark:border-stone-800">
                <th scope="col" className="py-1.5 pr-3 font-medium">
                  Item
                </th>
                <th scope="col" className="px-3 font-medium">
                  Due
                </th>
                <th scope="col" className="px-3 font-medium">
                  Progress
                </th>
                <th scope="col" className="px-3 font-medium">
                  Status
                </th>
              </tr>
            </thead>
            <tbody>
              {progress.map(({ item, cell, status }) => (
                <tr key={item.id} className="border-b border-stone-100 dark:border-stone-800">
                  <td className="py-1.5 pr-3">
                    <span className="text-stone-500 dark:text-stone-400">{item.trackTitle} /</span> {item.title}
                  </td>
                  <td className="px-3 whitespace-nowrap">{item.dueAt ? formatDue(item.dueAt, tz) : "—"}</td>
                  <td className="px-3">
                    {cell.kind === "review"
                      ? `${percent(cell.studied, cell.total) ?? 0}% studied, ${percent(cell.mastered, cell.total) ?? 0}% mastered${cell.reviews ? `, recall ${percent(cell.remembered, cell.reviews)}% (${cell.reviews})` : ""}`
                      : cell.attempts === 0
                        ? "no submission"
                        : `best ${cell.bestPoints}/${cell.bestMaxPoints} in ${cell.attempts} ${cell.attempts === 1 ? "try" : "tries"}${cell.firstPassedAt ? `, passed ${formatLocal(cell.firstPassedAt, tz)}` : ""}`}
                  </td>
                  <td className="px-3">
                    <StatusBadge status={status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>

      <Section title="Lab submissions" id="submissions">
        {submissions.length === 0 ? (
          <p className="text-sm text-stone-700 dark:text-stone-300">No submissions for this class&apos;s exercises yet.</p>
        ) : (
          <ol className="divide-y divide-stone-200 text-sm dark:divide-stone-800" aria-label="Submissions, newest first">
            {submissions.map((submission) => (
              <li key={submission.id} className="flex flex-wrap justify-between gap-2 py-1.5">
                <span>
                  <span className="font-mono text-stone-600 dark:text-stone-400">{formatLocal(submission.createdAt, tz)}</span> {submission.exerciseTitle}
                </span>
                <span className="tabular-nums">
                  {submission.points}/{submission.maxPoints} · {submission.status}
                </span>
              </li>
            ))}
          </ol>
        )}
      </Section>
    </div>
  );
}
