import type { Metadata } from "next";
import { NotAllowed } from "../_components/not-allowed";

export const metadata: Metadata = { title: "Not allowed" };

type Props = { searchParams: Promise<{ need?: string }> };

/** Where requireRole sends someone whose account lacks the role a page needs. */
export default async function ForbiddenPage({ searchParams }: Props) {
  const { need } = await searchParams;
  const admin = need === "admin";
  return (
    <NotAllowed title={admin ? "This page is for admins" : "This page is for instructors"}>
      {admin
        ? "Your account is not an admin of this Latent instance."
        : "Your account is not an instructor. An admin of this Latent instance can make it one on the admin page; then you can create classes and tracks."}
    </NotAllowed>
  );
}
