import Link from "next/link";

/** What someone who may not open a teaching page reads instead: why, and the way back to their own tracks. */
export function NotAllowed({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="mx-auto max-w-xl space-y-3">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="text-stone-700 dark:text-stone-300">{children}</p>
      <p>
        <Link href="/tracks" className="underline">
          Go to My tracks
        </Link>
      </p>
    </div>
  );
}
