import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { handleSignInRequest } from "@/lib/auth/sign-in";
import { readBodyText } from "@/lib/http/body";
import { jsonError } from "@/lib/http/json-route";
import { crossSiteReason } from "@/lib/http/same-origin";

type Context = { params: Promise<{ nextauth: string[] }> };

// next-auth's forms (sign-in, sign-out, the credentials callback) are a few hundred bytes.
const MAX_BODY_BYTES = 16 * 1024;

function handler(request: Request, context: Context) {
  return NextAuth(request as never, context as never, authOptions()) as Promise<Response>;
}

export const GET = handler;

// next-auth checks its CSRF token on every POST; a page on another site can still plant that token's cookie on a
// learner's browser (cookies are shared by every port of a host) and post a matching form, signing the learner in
// to the page's own account or out of theirs. So a POST must also come from this site (Origin), and its body is
// read only up to a small limit. A throttled sign-in is answered 429 with Retry-After; the JSON body keeps
// next-auth's shape ({ url }) so its client reports the error as `TooManyAttempts`.
export async function POST(request: NextRequest, context: Context) {
  const crossSite = crossSiteReason(request);
  if (crossSite) return jsonError(403, crossSite, "cross_site");
  const body = await readBodyText(request, MAX_BODY_BYTES);
  if (!body.ok) return jsonError(body.problem === "too_large" ? 413 : 400, "The sign-in request is not a form of a reasonable size.", "bad_form");
  const bounded = new NextRequest(request.url, { method: "POST", headers: request.headers, body: body.text });

  const { response, retryAfter } = await handleSignInRequest(() => handler(bounded, context));
  if (retryAfter === undefined) return response;
  const url = new URL("/signin", request.url);
  url.searchParams.set("error", "TooManyAttempts");
  url.searchParams.set("retryAfter", String(retryAfter));
  return Response.json(
    { url: url.toString(), error: "Too many failed sign-ins. Try again later." },
    { status: 429, headers: { "Retry-After": String(retryAfter) } },
  );
}
