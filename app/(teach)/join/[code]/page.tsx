import type { Metadata } from "next";
import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { previewJoin } from "@/lib/teach/classes";
import { TeachError } from "@/lib/teach/errors";
import { JoinForm } from "../../tracks/join-form";

export const metadata: Metadata = { title: "Join a class" };

type Props = { params: Promise<{ code: string }> };

/** An invite link: says which class it is, and joins only when the learner confirms (a link alone changes nothing). */
export default async function JoinPage({ params }: Props) {
  const { code } = await params;
  const user = await getCurrentUser();
  const here = `/join/${encodeURIComponent(code)}`;
  if (!user) {
    return (
      <div className="mx-auto max-w-md space-y-4">
        <h1 className="text-2xl font-semibold">Join a class on Latent</h1>
        <p className="text-stone-700 dark:text-stone-300">Sign in or create an account, and you will come back here to join.</p>
        <div className="flex flex-wrap gap-3">
          <Link href={`/signin?callbackUrl=${encodeURIComponent(here)}`} className="rounded-md bg-indigo-700 px-4 py-2 font-medium text-white hover:bg-indigo-800">
            Sign in
          </Link>
          <Link href={`/signup?callbackUrl=${encodeURIComponent(here)}`} className="rounded-md border border-stone-300 px-4 py-2 font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800">
            Create an account
          </Link>
        </div>
      </div>
    );
  }
  let preview;
  try {
    preview = await previewJoin(getDb(), user, decodeURIComponent(code).slice(0, 32));
  } catch (error) {
    if (!(error instanceof TeachError)) throw error;
    return (
      <div className="mx-auto max-w-md space-y-4">
        <h1 className="text-2xl font-semibold">This invite link does not work</h1>
        <p className="text-stone-700 dark:text-stone-300">{error.message}</p>
        <p>
          <Link href="/tracks" className="underline">
            Enter a code on My tracks
          </Link>
        </p>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl font-semibold">Join {preview.name}</h1>
      {preview.description && <p className="text-stone-700 dark:text-stone-300">{preview.description}</p>}
      {preview.instructors.length > 0 && <p className="text-sm text-stone-600 dark:text-stone-400">Taught by {preview.instructors.join(", ")}.</p>}
      {preview.membership ? (
        <p>
          You are already in this class.{" "}
          <Link href={preview.membership === "LEARNER" ? "/tracks" : `/teach/classes/${preview.id}`} className="underline">
            {preview.membership === "LEARNER" ? "Open My tracks" : "Open the class"}
          </Link>
        </p>
      ) : (
        <>
          <p className="text-sm text-stone-700 dark:text-stone-300">
            Its instructors will see your name, email and progress on the decks and exercises they assign. The assigned decks are added to your daily review.
          </p>
          <JoinForm code={code} label={`Join ${preview.name}`} />
          <p className="text-sm">
            <Link href="/tracks" className="underline">
              Go to My tracks
            </Link>
          </p>
        </>
      )}
    </div>
  );
}
