"use server";

import { signUpWithPassword } from "@/lib/auth/accounts";
import { getDb } from "@/lib/db";
import { fieldErrors, signUpSchema } from "@/lib/validations/auth";

export type SignUpState = { ok: boolean; errors: Record<string, string> };

export async function signUp(input: { name: string; email: string; password: string }): Promise<SignUpState> {
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  const result = await signUpWithPassword(getDb(), parsed.data);
  return result.ok ? { ok: true, errors: {} } : { ok: false, errors: result.errors };
}
