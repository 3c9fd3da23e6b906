"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { Field, FormAlert, SubmitButton } from "@/app/_components/form";
import { signInMessage } from "./messages";

export function SignInForm({ callbackUrl, github, initialError }: { callbackUrl: string; github: boolean; initialError: string | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!email || !password) return setError("Enter your email and password.");
    setPending(true);
    try {
      const result = await signIn("credentials", { email, password, redirect: false, callbackUrl });
      if (result?.ok && !result.error) {
        router.push(callbackUrl);
        router.refresh();
        return;
      }
      const retryAfter = result?.url ? new URL(result.url, window.location.href).searchParams.get("retryAfter") : null;
      setError(signInMessage(result?.status === 429 ? "TooManyAttempts" : result?.error ?? "CredentialsSignin", retryAfter));
    } catch {
      setError("We could not reach the server. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        {error && <FormAlert>{error}</FormAlert>}
        <Field label="Email" name="email" type="email" autoComplete="email" required />
        <Field label="Password" name="password" type="password" autoComplete="current-password" required />
        <SubmitButton pending={pending}>{pending ? "Signing in…" : "Sign in"}</SubmitButton>
      </form>
      {github && (
        <button
          type="button"
          onClick={() => signIn("github", { callbackUrl })}
          className="w-full rounded-md border border-stone-300 px-4 py-2 font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800"
        >
          Sign in with GitHub
        </button>
      )}
      <p className="text-sm text-stone-600 dark:text-stone-400">
        New to Latent?{" "}
        <Link href={callbackUrl === "/decks" ? "/signup" : `/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="text-indigo-700 underline dark:text-indigo-300">
          Create an account
        </Link>
      </p>
    </div>
  );
}
