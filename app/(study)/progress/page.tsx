import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { loadProgress, UnknownDeckError, type Progress } from "@/lib/progress";
import { parseProgressParams, progressHref, type Range } from "@/lib/progress/params";
import { ActivitySection } from "./activity-section";
import { LabSection } from "./lab-section";
import { MemorySection } from "./memory-section";

export const metadata: Metadata = { title: "Progress" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function DeckPicker({ progress, range }: { progress: Progress; range: Range }) {
  return (
    <form action="/progress" method="get" className="flex flex-wrap items-end gap-2">
      <label className="flex flex-col gap-1 text-sm">
        <span className="text-stone-600 dark:text-stone-400">Deck</span>
        <select name="deck" defaultValue={progress.deck?.slug ?? ""} className="rounded-md border border-stone-300 bg-white px-3 py-1.5 dark:border-stone-700 dark:bg-stone-900">
          <option value="">All decks</option>
          {progress.decks.map((d) => (
            <option key={d.id} value={d.slug}>
              {d.title}
            </option>
          ))}
        </select>
      </label>
      {range !== 30 && <input type="hidden" name="range" value={range} />}
      <button type="submit" className="rounded-md border border-stone-300 px-3 py-1.5 text-sm font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800">
        Show
      </button>
    </form>
  );
}

export default async function ProgressPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser("/progress");
  const { deck, range } = parseProgressParams(await searchParams);
  let progress: Progress;
  try {
    progress = await loadProgress(getDb(), user.id, { deckSlug: deck });
  } catch (error) {
    if (!(error instanceof UnknownDeckError)) throw error;
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">Progress</h1>
        <p role="alert" className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
          {error.message} Pick one of the decks you study, or see <Link href={progressHref({ deck: null, range })} className="underline">all your decks</Link>.
        </p>
      </div>
    );
  }
  const { timeZone, rolloverHour } = progress.settings;
  const time = new Intl.DateTimeFormat("en-GB", { timeZone, dateStyle: "medium", timeStyle: "short" });
  return (
    <div className="space-y-12">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-1">
          <h1 className="text-2xl font-semibold">Progress{progress.deck ? `: ${progress.deck.title}` : ""}</h1>
          <p className="text-sm text-stone-600 dark:text-stone-400">
            Days run from {String(rolloverHour).padStart(2, "0")}:00 to {String(rolloverHour).padStart(2, "0")}:00 in {timeZone.replaceAll("_", " ")} (
            <Link href="/settings" className="underline">
              settings
            </Link>
            ).
          </p>
        </div>
        <DeckPicker progress={progress} range={range} />
      </header>
      <ActivitySection progress={progress} range={range} rangeHref={(r) => progressHref({ deck: progress.deck?.slug ?? null, range: r })} />
      <MemorySection progress={progress} />
      <LabSection progress={progress} formatTime={(date) => time.format(date)} />
    </div>
  );
}
