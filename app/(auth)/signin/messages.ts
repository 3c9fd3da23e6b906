// What a person sees when sign-in fails. One message for a wrong email or password: no account enumeration.
function minutes(seconds: number) {
  const m = Math.ceil(seconds / 60);
  return m <= 1 ? "a minute" : `${m} minutes`;
}

export function signInMessage(error: string | null | undefined, retryAfter?: string | null): string | null {
  if (!error) return null;
  if (error === "TooManyAttempts") return `Too many failed sign-ins. Try again in ${minutes(Number(retryAfter) || 900)}.`;
  if (error === "CredentialsSignin") return "That email and password do not match an account. Check them and try again.";
  if (error === "OAuthAccountNotLinked") return "This email already has an account with a password. Sign in with it instead.";
  return "Sign-in failed. Please try again.";
}
