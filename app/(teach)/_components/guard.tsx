// Pages call lib/teach loaders, which check who is asking; a refusal becomes the 404 page, or a short "not allowed".
import { notFound } from "next/navigation";
import { TeachError } from "@/lib/teach/errors";
import { NotAllowed } from "./not-allowed";

export async function loadOrRefuse<T>(load: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; page: React.ReactNode }> {
  try {
    return { ok: true, value: await load };
  } catch (error) {
    if (!(error instanceof TeachError)) throw error;
    if (error.status === 404) notFound();
    return {
      ok: false,
      page: <NotAllowed title="You cannot open this page">{error.message}</NotAllowed>,
    };
  }
}
