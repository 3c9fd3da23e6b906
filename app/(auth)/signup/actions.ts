"use server";

import { headers } from "next/headers";
import { signUpWithPassword } from "@/lib/auth/accounts";
import { clientIp } from "@/lib/auth/sign-in";
import { getDb } from "@/lib/db";
import { saveReviewSettings } from "@/lib/review/settings";
import { fieldErrors, signUpSchema } from "@/lib/validations/auth";

export type SignUpState = { ok: boolean; errors: Record<string, string> };

export async function signUp(input: { name: string; email: string; password: string; timeZone?: string }): Promise<SignUpState> {
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  const result = await signUpWithPassword(getDb(), { ...parsed.data, ip: clientIp(await headers()) });
  if (!result.ok) return { ok: false, errors: result.errors };
  // The learner's day starts in their own time zone; an unknown zone keeps the default (UTC), changeable in settings.
  if (typeof input?.timeZone === "string") await saveReviewSettings(getDb(), result.userId, { timeZone: input.timeZone });
  return { ok: true, errors: {} };
}
