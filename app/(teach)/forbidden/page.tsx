import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Not allowed" };

type Props = { searchParams: Promise<{ need?: string }> };

/** Where requireRole sends someone whose account lacks the role a page needs. */
export default async function ForbiddenPage({ searchParams }: Props) {
  const { need } = await searchParams;
  const admin = need === "admin";
  return (
    <div className="mx-auto max-w-xl space-y-3">
      <h1 className="text-2xl font-semibold">{admin ? "This page is for admins" : "This page is for instructors"}</h1>
      <p className="text-stone-700 dark:text-stone-300">
        {admin
          ? "Your account is not an admin of this Latent instance."
          : "Your account is not an instructor. An admin of this Latent instance can make it one on the admin page; then you can create classes and tracks."}
      </p>
      <p>
        <Link href="/tracks" className="underline">
          Go to My tracks
        </Link>
      </p>
    </div>
  );
}
