import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Breadcrumb } from "@/app/_components/breadcrumb";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getDraft } from "@/lib/lab/drafts";
import { labExercisePage } from "@/lib/lab/exercises/catalog";
import { LabClient } from "./lab-client";
import { LabSplit } from "./lab-split";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const exercise = await labExercisePage((await params).id);
  return { title: exercise ? `${exercise.title} · Lab` : "Exercise not found" };
}

export default async function LabExercisePage({ params }: Props) {
  const { id } = await params;
  const user = await requireUser(`/lab/${id}`);
  const exercise = await labExercisePage(id);
  if (!exercise) notFound();
  const draft = await getDraft(getDb(), user.id, id);
  const prompt = (
    <article className="space-y-4">
      <Breadcrumb trail={[{ href: "/lab", label: "Lab" }]} />
      <h1 className="text-2xl font-semibold">{exercise.title}</h1>
      {exercise.notes.length > 0 && (
        <p className="text-sm text-stone-700 dark:text-stone-300">
          Practises{" "}
          {exercise.notes.map((note, i) => (
            <span key={note.href}>
              {i > 0 && ", "}
              <Link href={note.href} className="underline">
                {note.deck} Q{note.number}
              </Link>
            </span>
          ))}
        </p>
      )}
      {/* Rendered and sanitized from the exercise's prompt.md (lib/content/render.ts). */}
      <div className="prose-answer" data-testid="prompt" dangerouslySetInnerHTML={{ __html: exercise.promptHtml }} />
    </article>
  );
  return (
    <LabSplit prompt={prompt}>
      <LabClient exercise={{ id: exercise.id, exports: exercise.exports, starter: exercise.starter }} initialCode={draft?.code ?? exercise.starter} testCode={exercise.testCode} />
    </LabSplit>
  );
}
