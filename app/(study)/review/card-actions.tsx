import Link from "next/link";

type Props = { cardId: string; pending: boolean; canUndo: boolean; onUndo: () => void; onSuspend: () => void; onReset: () => void };

/** What else can be done with the shown card: undo the last answer, suspend or reset it, its info; the settings. */
export function CardActions({ cardId, pending, canUndo, onUndo, onSuspend, onReset }: Props) {
  return (
    <div className="flex flex-wrap items-center gap-x-4 text-sm text-stone-700 dark:text-stone-300">
      <button type="button" onClick={onUndo} disabled={pending || !canUndo} className="inline-flex min-h-11 items-center underline disabled:no-underline disabled:opacity-50" aria-keyshortcuts="z">
        Undo (z)
      </button>
      <button type="button" onClick={onSuspend} disabled={pending} className="inline-flex min-h-11 items-center underline">
        Suspend card
      </button>
      <button type="button" onClick={onReset} disabled={pending} className="inline-flex min-h-11 items-center underline">
        Reset card
      </button>
      <Link href={`/review/cards/${cardId}`} className="inline-flex min-h-11 items-center underline">
        Card info
      </Link>
      <Link href="/settings" className="ml-auto inline-flex min-h-11 items-center underline">
        Settings
      </Link>
    </div>
  );
}
