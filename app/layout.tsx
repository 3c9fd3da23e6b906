import type { Metadata, Viewport } from "next";
import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/session";
import { SignOutButton } from "./_components/sign-out-button";
// KaTeX's stylesheet and fonts, from the npm package (served from /_next/static, no CDN): math is typeset on the server.
import "katex/dist/katex.min.css";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Latent", template: "%s · Latent" },
  description: "Learn machine learning: flashcards that schedule themselves and an auto-graded TensorFlow.js lab.",
};

// Every page depends on who is signed in.
export const dynamic = "force-dynamic";

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const user = await getCurrentUser();
  return (
    <html lang="en">
      <body className="min-h-dvh">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-stone-900">
          Skip to content
        </a>
        <header className="border-b border-stone-200 bg-white/80 dark:border-stone-800 dark:bg-stone-900/80">
          <nav aria-label="Main" className="mx-auto flex max-w-4xl flex-wrap items-center gap-x-5 gap-y-2 px-4 py-3">
            <Link href="/" className="text-lg font-semibold tracking-tight">
              Latent
            </Link>
            {user && (
              <>
                <Link href="/review" className="text-stone-700 hover:text-stone-950 dark:text-stone-300 dark:hover:text-white">
                  Review
                </Link>
                <Link href="/decks" className="text-stone-700 hover:text-stone-950 dark:text-stone-300 dark:hover:text-white">
                  Decks
                </Link>
                <Link href="/lab" className="text-stone-700 hover:text-stone-950 dark:text-stone-300 dark:hover:text-white">
                  Lab
                </Link>
                <Link href="/progress" className="text-stone-700 hover:text-stone-950 dark:text-stone-300 dark:hover:text-white">
                  Progress
                </Link>
                <Link href="/tracks" className="text-stone-700 hover:text-stone-950 dark:text-stone-300 dark:hover:text-white">
                  Tracks
                </Link>
                {user.role !== "LEARNER" && (
                  <Link href="/teach" className="text-stone-700 hover:text-stone-950 dark:text-stone-300 dark:hover:text-white">
                    Teach
                  </Link>
                )}
                {user.role === "ADMIN" && (
                  <Link href="/admin" className="text-stone-700 hover:text-stone-950 dark:text-stone-300 dark:hover:text-white">
                    Admin
                  </Link>
                )}
                <Link href="/settings" className="text-stone-700 hover:text-stone-950 dark:text-stone-300 dark:hover:text-white">
                  Settings
                </Link>
              </>
            )}
            <div className="ml-auto flex items-center gap-3 text-sm">
              {user ? (
                <>
                  <Link href="/account" className="max-w-[12rem] truncate text-stone-600 hover:text-stone-950 dark:text-stone-400 dark:hover:text-white" data-testid="current-user">
                    <span className="sr-only">Your account: </span>
                    {user.name || user.email}
                  </Link>
                  <SignOutButton />
                </>
              ) : (
                <>
                  <Link href="/signin" className="text-stone-700 hover:text-stone-950 dark:text-stone-300">
                    Sign in
                  </Link>
                  <Link href="/signup" className="rounded-md bg-indigo-700 px-3 py-1.5 font-medium text-white hover:bg-indigo-800">
                    Create account
                  </Link>
                </>
              )}
            </div>
          </nav>
        </header>
        {/* A page that needs the whole width (the lab) marks itself data-wide. */}
        <main id="main" className="mx-auto max-w-4xl px-4 py-8 has-[[data-wide]]:max-w-none has-[[data-wide]]:py-4">
          {children}
        </main>
      </body>
    </html>
  );
}
