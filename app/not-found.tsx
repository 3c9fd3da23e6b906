import Link from "next/link";

export default function NotFound() {
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="text-stone-700 dark:text-stone-300">There is nothing at this address. It may have been moved or retired.</p>
      <Link href="/decks" className="underline">
        Back to the decks
      </Link>
    </div>
  );
}
