import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { githubEnabled } from "@/lib/auth/options";
import { getCurrentUser } from "@/lib/auth/session";
import { signInMessage } from "./messages";
import { SignInForm } from "./signin-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = Object.fromEntries(Object.entries(await searchParams).map(([name, value]) => [name, [value].flat()[0]]));
  // Only a path of this site (lib/auth/callback-url.ts); no callbackUrl means the decks, an unsafe one the home page.
  const callbackUrl = params.callbackUrl === undefined ? "/decks" : safeCallbackPath(params.callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  return (
    <div className="mx-auto max-w-sm space-y-6">
      <h1 className="text-2xl font-semibold">Sign in</h1>
      {params.signedOut === "everywhere" && (
        <p role="status" className="rounded-md border border-stone-300 bg-stone-50 px-3 py-2 text-sm dark:border-stone-700 dark:bg-stone-900">
          You were signed out everywhere: every browser signed in to your account now has to sign in again.
        </p>
      )}
      <SignInForm callbackUrl={callbackUrl} github={githubEnabled()} initialError={signInMessage(params.error, params.retryAfter)} />
    </div>
  );
}
