// The browser's side of our JSON API (the routes written with json-route.ts): one request to this site, a JSON body
// out and in, and a refusal read as the route wrote it (`{ error: { code, message, … } }`) so the page can say what
// the server said. No server imports: safe in a client component. Lab submissions add their own protocol on top of
// it (retries, the same request id resent, polling a pending grade): lib/lab/browser/submit.ts.

/** What a route says when it refuses: `message` is written for the person at the screen. */
export type ApiError = { code?: string; message: string; field?: string; errors?: Array<{ line: number; message: string }> };

export type ApiSuccess<T> = { ok: true; status: number; data: T };
/**
 * `status` 0: the server was not reached. `error` is the route's own refusal when it gave one (null otherwise);
 * `message` is its message, or a generic one naming the status.
 */
export type ApiFailure = { ok: false; status: number; message: string; error: ApiError | null; retryAfter: string | null };
export type ApiResult<T> = ApiSuccess<T> | ApiFailure;

export type ApiRequestOptions = {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Sent as JSON; a state-changing request without one sends `{}` (our routes take JSON only). */
  body?: unknown;
  /** GETs default to "no-store": what the page shows next must be what is stored now. */
  cache?: RequestCache;
  /** The request outlives the page (a last save on leaving it). */
  keepalive?: boolean;
  signal?: AbortSignal;
  /** For tests: what sends the request (the browser's fetch by default). */
  fetch?: typeof fetch;
};

export const UNREACHABLE = "We could not reach the server. Check your connection and try again.";

export async function apiRequest<T>(path: string, options: ApiRequestOptions = {}): Promise<ApiResult<T>> {
  // Same origin only: the session cookie and the server's origin checks are what make these requests ours.
  if (!path.startsWith("/") || path.startsWith("//")) throw new Error(`apiRequest takes a path on this site, not ${path}`);
  const method = options.method ?? (options.body === undefined ? "GET" : "POST");
  const reading = method === "GET";
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(path, {
      method,
      credentials: "same-origin",
      headers: reading ? undefined : { "content-type": "application/json" },
      body: reading ? undefined : JSON.stringify(options.body ?? {}),
      cache: options.cache ?? (reading ? "no-store" : undefined),
      keepalive: options.keepalive,
      signal: options.signal,
    });
  } catch {
    return { ok: false, status: 0, message: UNREACHABLE, error: null, retryAfter: null };
  }
  const data = (await response.json().catch(() => null)) as unknown;
  if (response.ok) return { ok: true, status: response.status, data: data as T };
  const error = refusalOf(data);
  return {
    ok: false,
    status: response.status,
    message: error?.message ?? `The server answered ${response.status}. Try again.`,
    error,
    // When to ask again (429, 503), as the server or a load balancer in front of it said.
    retryAfter: response.headers.get("retry-after"),
  };
}

function refusalOf(data: unknown): ApiError | null {
  if (typeof data !== "object" || data === null || !("error" in data)) return null;
  const { error } = data as { error: unknown };
  if (typeof error !== "object" || error === null || typeof (error as { message?: unknown }).message !== "string") return null;
  return error as ApiError;
}
