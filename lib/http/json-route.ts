// The one shape of our JSON route handlers. A state-changing request (POST, PUT, PATCH, DELETE) must come from this
// site's own pages (403 otherwise) and be JSON (415); then who is asking (401), a body read up to the route's limit
// (413 past it, nothing more is read), a validated input (400 with the field at fault), then the domain call; a
// domain refusal becomes its own status with a clear message (and Retry-After when asking again later can succeed).
// A refused request changes nothing.
import type { z } from "zod";
import { getApiUser, requestSessionClaims, type CurrentUser, type SessionClaims } from "@/lib/auth/request-session";
import { Refusal } from "@/lib/refusal";
import { readBodyText, type BodyText } from "./body";
import { crossSiteReason, isJsonContentType, type RequestHead } from "./same-origin";

type Handler<T, Who = CurrentUser> = (input: T, who: Who) => Promise<Response | object>;

/**
 * What a JSON route reads of a request: Next.js's `Request` (jsonRequest) or the Node request Latent's own server
 * answers itself (lib/server/direct-routes.ts), without building web streams and objects for it.
 */
export type JsonRequest = RequestHead & { method: string; readBody(maxBytes: number): Promise<BodyText> };

/** A JSON route's answer before it is sent: JSON with a status (and headers), or a Response the handler made. */
export type JsonReply = { status: number; json: unknown; headers?: Record<string, string> } | Response;

export type JsonRouteOptions = {
  /** The largest body this route reads, in bytes (default DEFAULT_MAX_BODY_BYTES). */
  maxBodyBytes?: number;
  /** What a 413 says, when the route can say it better than "the request body is too large". */
  tooLargeMessage?: string;
};

/** Enough for any of the review's or the settings' bodies many times over; routes that take code set their own. */
export const DEFAULT_MAX_BODY_BYTES = 32 * 1024;

function errorReply(status: number, message: string, code: string, extra: Record<string, unknown> = {}, headers?: Record<string, string>): JsonReply {
  return { status, json: { error: { code, message, ...extra } }, headers };
}

/** A reply as Next.js's route handlers return it. */
export function replyResponse(reply: JsonReply): Response {
  return reply instanceof Response ? reply : Response.json(reply.json, { status: reply.status, headers: reply.headers });
}

export function jsonError(status: number, message: string, code: string, extra: Record<string, unknown> = {}, headers?: Record<string, string>) {
  return replyResponse(errorReply(status, message, code, extra, headers));
}

function refusalReply(refusal: Refusal): JsonReply {
  const retryAfter = refusal.retryAfterSeconds;
  if (retryAfter === undefined) return errorReply(refusal.status, refusal.message, refusal.code);
  return errorReply(refusal.status, refusal.message, refusal.code, { retryAfter }, { "Retry-After": String(retryAfter) });
}

/** A domain refusal as its JSON error; one that passes with time says when to ask again, in the body and Retry-After. */
export function refusalResponse(refusal: Refusal): Response {
  return replyResponse(refusalReply(refusal));
}

function sameOriginJsonRefusal(request: RequestHead): JsonReply | null {
  const crossSite = crossSiteReason(request);
  if (crossSite) return errorReply(403, crossSite, "cross_site");
  if (!isJsonContentType(request)) return errorReply(415, "Send the request body as JSON, with Content-Type: application/json.", "unsupported_media_type");
  return null;
}

/** The refusal of a state-changing request that is not same-origin JSON, or null when it may proceed. */
export function refuseUnlessSameOriginJson(request: Request): Response | null {
  const refused = sameOriginJsonRefusal(request);
  return refused && replyResponse(refused);
}

/** A Next.js request as a JsonRequest. */
function jsonRequest(request: Request): JsonRequest {
  return { method: request.method, url: request.url, headers: request.headers, readBody: (maxBytes) => readBodyText(request, maxBytes) };
}

/** A route handler for Next.js, with `reply` for Latent's own server (the same checks and answers, as data). */
export type JsonRouteHandler = ((request: Request, context?: { params?: Promise<Record<string, string>> }) => Promise<Response>) & {
  reply(request: JsonRequest, params?: Record<string, string>): Promise<JsonReply>;
};

export function jsonRoute<S extends z.ZodType>(schema: S, handler: Handler<z.output<S>>, options: JsonRouteOptions = {}): JsonRouteHandler {
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
export function jsonRouteCheckingSession<S extends z.ZodType>(schema: S, handler: Handler<z.output<S>, SessionClaims>, options: JsonRouteOptions = {}): JsonRouteHandler {
  return jsonRouteAs(requestSessionClaims, schema, handler, options);
}

function jsonRouteAs<S extends z.ZodType, Who>(who: (request: RequestHead) => Promise<Who | null>, schema: S, handler: Handler<z.output<S>, Who>, options: JsonRouteOptions): JsonRouteHandler {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const tooLarge = () => errorReply(413, options.tooLargeMessage ?? `The request body is larger than ${Math.round(maxBodyBytes / 1024)} KB; nothing was changed.`, "body_too_large");

  const reply = async (request: JsonRequest, params: Record<string, string> = {}): Promise<JsonReply> => {
    // GET takes its input from the query string and changes nothing; other methods take a JSON body.
    const readOnly = request.method === "GET" || request.method === "HEAD";
    if (!readOnly) {
      const refused = sameOriginJsonRefusal(request);
      if (refused) return refused;
      if (Number(request.headers.get("content-length")) > maxBodyBytes) return tooLarge();
    }
    const asking = await who(request);
    if (!asking) return errorReply(401, "Sign in to continue.", "unauthenticated");
    let body: unknown = readOnly ? Object.fromEntries(new URL(request.url).searchParams) : {};
    if (!readOnly) {
      const read = await request.readBody(maxBodyBytes);
      if (!read.ok) return read.problem === "too_large" ? tooLarge() : errorReply(400, "The request body is not valid UTF-8.", "bad_json");
      try {
        body = read.text ? JSON.parse(read.text) : {};
      } catch {
        return errorReply(400, "The request body is not valid JSON.", "bad_json");
      }
      if (typeof body !== "object" || body === null || Array.isArray(body)) return errorReply(400, "The request body must be a JSON object.", "bad_json");
    }
    const parsed = schema.safeParse({ ...(body as object), ...params });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join(".") || "body";
      // A refinement may ask for its own status (422: well-formed, but not something that can be stored).
      const status = (issue as { params?: { status?: number } } | undefined)?.params?.status === 422 ? 422 : 400;
      return errorReply(status, `${field}: ${issue?.message ?? "invalid"}`, status === 422 ? "unprocessable" : "invalid_input", { field });
    }
    try {
      const result = await handler(parsed.data, asking);
      return result instanceof Response ? result : { status: 200, json: result };
    } catch (error) {
      if (error instanceof Refusal) return refusalReply(error);
      throw error;
    }
  };

  const route = async (request: Request, context?: { params?: Promise<Record<string, string>> }) =>
    replyResponse(await reply(jsonRequest(request), context?.params ? await context.params : {}));
  return Object.assign(route, { reply });
}
