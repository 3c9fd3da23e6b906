// The one shape of our JSON route handlers. A state-changing request (POST, PUT, PATCH, DELETE) must come from this
// site's own pages (403 otherwise) and be JSON (415); then who is asking (401), a body read up to the route's limit
// (413 past it, nothing more is read), a validated input (400 with the field at fault), then the domain call; a
// domain refusal becomes its own status with a clear message (and Retry-After when asking again later can succeed).
// A refused request changes nothing.
import type { z } from "zod";
import { getApiUser, requestSessionClaims, type CurrentUser, type SessionClaims } from "@/lib/auth/request-session";
import { Refusal } from "@/lib/refusal";
import { readBodyText } from "./body";
import { crossSiteReason, isJsonContentType } from "./same-origin";

type Handler<T, Who = CurrentUser> = (input: T, who: Who, request: Request) => Promise<Response | object>;

export type JsonRouteOptions = {
  /** The largest body this route reads, in bytes (default DEFAULT_MAX_BODY_BYTES). */
  maxBodyBytes?: number;
  /** What a 413 says, when the route can say it better than "the request body is too large". */
  tooLargeMessage?: string;
};

/** Enough for any of the review's or the settings' bodies many times over; routes that take code set their own. */
export const DEFAULT_MAX_BODY_BYTES = 32 * 1024;

export function jsonError(status: number, message: string, code: string, extra: Record<string, unknown> = {}, headers?: HeadersInit) {
  return Response.json({ error: { code, message, ...extra } }, { status, headers });
}

/** A domain refusal as its JSON error; one that passes with time says when to ask again, in the body and Retry-After. */
export function refusalResponse(refusal: Refusal): Response {
  const retryAfter = refusal.retryAfterSeconds;
  if (retryAfter === undefined) return jsonError(refusal.status, refusal.message, refusal.code);
  return jsonError(refusal.status, refusal.message, refusal.code, { retryAfter }, { "Retry-After": String(retryAfter) });
}

/** The refusal of a state-changing request that is not same-origin JSON, or null when it may proceed. */
export function refuseUnlessSameOriginJson(request: Request): Response | null {
  const crossSite = crossSiteReason(request);
  if (crossSite) return jsonError(403, crossSite, "cross_site");
  if (!isJsonContentType(request)) return jsonError(415, "Send the request body as JSON, with Content-Type: application/json.", "unsupported_media_type");
  return null;
}

export function jsonRoute<S extends z.ZodType>(schema: S, handler: Handler<z.output<S>>, options: JsonRouteOptions = {}) {
  return jsonRouteAs(getApiUser, schema, handler, options);
}

/**
 * A JSON route whose domain call checks the session itself, in its own first statement, so that a request costs no
 * statement or round trip of its own for who is asking (the review's answer: lib/review/answer.ts). The handler gets
 * the session cookie's claims — authentic (only this instance's secret makes them) but not yet known to be live —
 * and must refuse with 401 when the session is gone or expired. A request without valid claims is refused here.
 * Unlike jsonRoute, input is validated before the session is known to be live: a signed-out cookie with bad input
 * gets 400, not 401 (and changes nothing either way).
 */
export function jsonRouteCheckingSession<S extends z.ZodType>(schema: S, handler: Handler<z.output<S>, SessionClaims>, options: JsonRouteOptions = {}) {
  return jsonRouteAs(requestSessionClaims, schema, handler, options);
}

function jsonRouteAs<S extends z.ZodType, Who>(who: (request: Request) => Promise<Who | null>, schema: S, handler: Handler<z.output<S>, Who>, options: JsonRouteOptions) {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const tooLarge = () => jsonError(413, options.tooLargeMessage ?? `The request body is larger than ${Math.round(maxBodyBytes / 1024)} KB; nothing was changed.`, "body_too_large");

  return async (request: Request, context?: { params?: Promise<Record<string, string>> }) => {
    // GET takes its input from the query string and changes nothing; other methods take a JSON body.
    const readOnly = request.method === "GET" || request.method === "HEAD";
    if (!readOnly) {
      const refused = refuseUnlessSameOriginJson(request);
      if (refused) return refused;
      if (Number(request.headers.get("content-length")) > maxBodyBytes) return tooLarge();
    }
    const asking = await who(request);
    if (!asking) return jsonError(401, "Sign in to continue.", "unauthenticated");
    let body: unknown = readOnly ? Object.fromEntries(new URL(request.url).searchParams) : {};
    if (!readOnly) {
      const read = await readBodyText(request, maxBodyBytes);
      if (!read.ok) return read.problem === "too_large" ? tooLarge() : jsonError(400, "The request body is not valid UTF-8.", "bad_json");
      try {
        body = read.text ? JSON.parse(read.text) : {};
      } catch {
        return jsonError(400, "The request body is not valid JSON.", "bad_json");
      }
      if (typeof body !== "object" || body === null || Array.isArray(body)) return jsonError(400, "The request body must be a JSON object.", "bad_json");
    }
    const params = context?.params ? await context.params : {};
    const parsed = schema.safeParse({ ...(body as object), ...params });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join(".") || "body";
      // A refinement may ask for its own status (422: well-formed, but not something that can be stored).
      const status = (issue as { params?: { status?: number } } | undefined)?.params?.status === 422 ? 422 : 400;
      return jsonError(status, `${field}: ${issue?.message ?? "invalid"}`, status === 422 ? "unprocessable" : "invalid_input", { field });
    }
    try {
      const result = await handler(parsed.data, asking, request);
      return result instanceof Response ? result : Response.json(result);
    } catch (error) {
      if (error instanceof Refusal) return refusalResponse(error);
      throw error;
    }
  };
}
