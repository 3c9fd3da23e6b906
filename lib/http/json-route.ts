// The one shape of our JSON route handlers: who is asking (401 otherwise), a validated body (400 with field
// messages otherwise), then the domain call; a domain refusal becomes its own status with a clear message.
import type { z } from "zod";
import { getApiUser, type CurrentUser } from "@/lib/auth/session";
import { GraderBusyError } from "@/lib/lab/sandbox/pool";
import { Refusal } from "@/lib/refusal";

type Handler<T> = (input: T, user: CurrentUser, request: Request) => Promise<Response | object>;

export function jsonError(status: number, message: string, code: string, extra: Record<string, unknown> = {}) {
  return Response.json({ error: { code, message, ...extra } }, { status });
}

export function jsonRoute<S extends z.ZodType>(schema: S, handler: Handler<z.output<S>>) {
  return async (request: Request, context?: { params?: Promise<Record<string, string>> }) => {
    const user = await getApiUser(request);
    if (!user) return jsonError(401, "Sign in to continue.", "unauthenticated");
    // GET takes its input from the query string, other methods from a JSON body.
    let body: unknown = request.method === "GET" ? Object.fromEntries(new URL(request.url).searchParams) : {};
    if (request.method !== "GET") {
      const text = await request.text();
      try {
        body = text ? JSON.parse(text) : {};
      } catch {
        return jsonError(400, "The request body is not valid JSON.", "bad_json");
      }
    }
    const params = context?.params ? await context.params : {};
    const parsed = schema.safeParse({ ...(body as object), ...params });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join(".") || "body";
      return jsonError(400, `${field}: ${issue?.message ?? "invalid"}`, "invalid_input", { field });
    }
    try {
      const result = await handler(parsed.data, user, request);
      return result instanceof Response ? result : Response.json(result);
    } catch (error) {
      if (error instanceof Refusal) return jsonError(error.status, error.message, error.code);
      if (error instanceof GraderBusyError) {
        return Response.json(
          { error: { code: "busy", message: error.message, retryAfter: error.retryAfterSeconds } },
          { status: 503, headers: { "Retry-After": String(error.retryAfterSeconds) } },
        );
      }
      throw error;
    }
  };
}
