"use client";

import { useState } from "react";

// next-auth's sign-out without its client library (12 kB gzipped on every signed-in page): its CSRF token, then
// the same POST that `signOut()` sends.
async function signOut(): Promise<boolean> {
  try {
    const csrf = await fetch("/api/auth/csrf", { cache: "no-store" });
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const response = await fetch("/api/auth/signout", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, callbackUrl: "/", json: "true" }),
    });
    return response.ok;
  } catch {
    return false;
  }
}

export function SignOutButton() {
  const [failed, setFailed] = useState(false);
  return (
    <>
      <button
        type="button"
        onClick={async () => {
          // A full load, so that nothing of the signed-in pages stays in the client router's cache.
          if (await signOut()) window.location.replace("/");
          else setFailed(true);
        }}
        className="rounded-md border border-stone-300 px-3 py-1.5 text-stone-800 hover:bg-stone-100 dark:border-stone-700 dark:text-stone-200 dark:hover:bg-stone-800"
      >
        Sign out
      </button>
      {failed && (
        <span role="alert" className="text-red-700 dark:text-red-300">
          Not signed out: the server could not be reached. Try again.
        </span>
      )}
    </>
  );
}
