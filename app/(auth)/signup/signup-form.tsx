"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { Field, FormAlert, SubmitButton } from "@/app/_components/form";
import { signUp } from "./actions";

export function SignUpForm({ callbackUrl = "/decks" }: { callbackUrl?: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = { name: String(form.get("name") ?? ""), email: String(form.get("email") ?? ""), password: String(form.get("password") ?? ""), timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone };
    setPending(true);
    try {
      const result = await signUp(input);
      if (!result.ok) return setErrors(result.errors);
      setErrors({});
      const signedIn = await signIn("credentials", { email: input.email, password: input.password, redirect: false });
      if (signedIn?.ok) {
        router.push(callbackUrl);
        router.refresh();
      } else {
        router.push("/signin");
      }
    } catch {
      setErrors({ form: "Something went wrong on our side. Your account was not created; please try again." });
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {errors.form && <FormAlert>{errors.form}</FormAlert>}
      <Field label="Name (optional)" name="name" autoComplete="name" error={errors.name} />
      <Field label="Email" name="email" type="email" autoComplete="email" required error={errors.email} />
      <Field label="Password" name="password" type="password" autoComplete="new-password" required minLength={10} hint="At least 10 characters." error={errors.password} />
      <SubmitButton pending={pending}>{pending ? "Creating your account…" : "Create account"}</SubmitButton>
      <p className="text-sm text-stone-600 dark:text-stone-400">
        Already have an account?{" "}
        <Link href={callbackUrl === "/decks" ? "/signin" : `/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="text-indigo-700 underline dark:text-indigo-300">
          Sign in
        </Link>
      </p>
    </form>
  );
}
