import type { Adapter, AdapterUser } from "next-auth/adapters";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { PrismaAdapter } from "@next-auth/prisma-adapter";
import { getDb } from "@/lib/db";
import { createUser } from "./accounts";
import { safeCallbackPath } from "./callback-url";
import { endSession, SESSION_MAX_AGE_SECONDS, startSession } from "./sessions";
import { clientIp, reportThrottledSignIn, signInWithPassword } from "./sign-in";

// GitHub sign-in creates accounts through the adapter; its createUser goes through ours (first account = admin).
function adapter(): Adapter {
  const db = getDb();
  const base = PrismaAdapter(db as never);
  return {
    ...base,
    async createUser(user: Omit<AdapterUser, "id">) {
      const created = await createUser(db, { email: user.email, name: user.name, image: user.image, emailVerified: user.emailVerified });
      return created as unknown as AdapterUser;
    },
  };
}

export function githubEnabled(): boolean {
  return Boolean(process.env.GITHUB_ID && process.env.GITHUB_SECRET);
}

export function authOptions(): NextAuthOptions {
  return {
    adapter: adapter(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const outcome = await signInWithPassword(getDb(), {
            email: credentials?.email,
            password: credentials?.password,
            ip: clientIp(req.headers ?? {}),
          });
          if (!outcome.ok && outcome.reason === "throttled") reportThrottledSignIn(outcome.retryAfter);
          return outcome.ok ? outcome.user : null;
        },
      }),
      ...(githubEnabled()
        ? [GitHubProvider({ clientId: process.env.GITHUB_ID!, clientSecret: process.env.GITHUB_SECRET! })]
        : []),
    ],
    callbacks: {
      // Each sign-in (password or GitHub) starts a server-side session; the cookie carries its id (lib/auth/sessions.ts).
      async jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.sid = await startSession(getDb(), user.id);
        }
        return token;
      },
      // Only a path of this site, whatever callbackUrl said (lib/auth/callback-url.ts).
      redirect({ url, baseUrl }) {
        const origin = new URL(baseUrl).origin;
        return `${origin}${safeCallbackPath(url, "/", origin)}`;
      },
      async session({ session, token }) {
        if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
    events: {
      // Signing out ends the session on the server: a copy of the cookie signs no one in afterwards.
      async signOut({ token }) {
        if (typeof token?.sid === "string") await endSession(getDb(), token.sid);
      },
    },
  };
}
