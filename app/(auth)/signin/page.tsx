import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { githubEnabled } from "@/lib/auth/options";
import { getCurrentUser } from "@/lib/auth/session";
import { safeCallbackPath } from "../callback";
import { signInMessage } from "./messages";
import { SignInForm } from "./signin-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  return (
    <div className="mx-auto max-w-sm space-y-6">
      <h1 className="text-2xl font-semibold">Sign in</h1>
      <SignInForm callbackUrl={callbackUrl} github={githubEnabled()} initialError={signInMessage(params.error, params.retryAfter)} />
    </div>
  );
}
