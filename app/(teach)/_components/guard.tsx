// Pages call lib/teach loaders, which check who is asking; a refusal becomes the 404 page, or a short "not allowed".
import Link from "next/link";
import { notFound } from "next/navigation";
import { TeachError } from "@/lib/teach/errors";

export async function loadOrRefuse<T>(load: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; page: React.ReactNode }> {
  try {
    return { ok: true, value: await load };
  } catch (error) {
    if (!(error instanceof TeachError)) throw error;
    if (error.status === 404) notFound();
    return {
      ok: false,
      page: (
        <div className="mx-auto max-w-xl space-y-3">
          <h1 className="text-2xl font-semibold">You cannot open this page</h1>
          <p className="text-stone-700 dark:text-stone-300">{error.message}</p>
          <p>
            <Link href="/tracks" className="underline">
              Go to My tracks
            </Link>
          </p>
        </div>
      ),
    };
  }
}
