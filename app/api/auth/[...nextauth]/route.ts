import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { clientIp, signInThrottleKeys } from "@/lib/auth/sign-in";
import { retryAfterSeconds } from "@/lib/auth/throttle";
import { getDb } from "@/lib/db";

type Context = { params: Promise<{ nextauth: string[] }> };

function handler(request: Request, context: Context) {
  return NextAuth(request as never, context as never, authOptions()) as Promise<Response>;
}

export const GET = handler;

// A locked account or IP gets 429 with Retry-After before next-auth sees the attempt. The JSON body keeps
// next-auth's shape ({ url }) so its client reports the error as `TooManyAttempts`.
export async function POST(request: Request, context: Context) {
  const { nextauth } = await context.params;
  if (nextauth.join("/") === "callback/credentials") {
    const form = await request.clone().formData().catch(() => null);
    const email = String(form?.get("email") ?? "");
    const retryAfter = email ? await retryAfterSeconds(getDb(), signInThrottleKeys(email, clientIp(request.headers))) : 0;
    if (retryAfter > 0) {
      const url = new URL("/signin", request.url);
      url.searchParams.set("error", "TooManyAttempts");
      url.searchParams.set("retryAfter", String(retryAfter));
      return Response.json(
        { url: url.toString(), error: "Too many failed sign-ins. Try again later." },
        { status: 429, headers: { "Retry-After": String(retryAfter) } },
      );
    }
  }
  return handler(request, context);
}
