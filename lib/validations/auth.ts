import { z } from "zod";
import { refineStorable } from "./text";

export const emailSchema = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .max(254, "That email address is too long.")
  .pipe(z.email({ error: "Enter a valid email address, like ada@example.com." }));

export const signUpSchema = z.object({
  name: z.string().trim().max(100, "Keep your name under 100 characters.").superRefine(refineStorable).optional().default(""),
  email: emailSchema,
  password: z
    .string({ error: "Choose a password." })
    .min(10, "Use at least 10 characters for your password.")
    .max(200, "Keep your password under 200 characters."),
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password.").max(200),
});

/** Field → first message, for forms. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    out[key] ??= issue.message;
  }
  return out;
}
