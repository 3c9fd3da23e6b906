import type { Adapter, AdapterUser } from "next-auth/adapters";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { PrismaAdapter } from "@next-auth/prisma-adapter";
import { getDb } from "@/lib/db";
import { createUser } from "./accounts";
import { clientIp, signInWithPassword } from "./sign-in";

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
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
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
          return outcome.ok ? outcome.user : null;
        },
      }),
      ...(githubEnabled()
        ? [GitHubProvider({ clientId: process.env.GITHUB_ID!, clientSecret: process.env.GITHUB_SECRET! })]
        : []),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) token.sub = user.id;
        return token;
      },
      async session({ session, token }) {
        if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
  };
}
