// A small keep-alive HTTP client for the benchmarks (node:http, so the client costs little CPU), and sign-in.
import http from "node:http";

export type HttpResponse = { status: number; headers: http.IncomingHttpHeaders; body: string };

export function httpClient(base: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  type Options = { body?: string; headers?: Record<string, string>; localAddress?: string };
  // A state-changing request says it comes from the site itself, as the app's pages do (lib/http/same-origin.ts).
  const send = (method: string, url: string, options: Options) =>
    new Promise<HttpResponse>((resolve, reject) => {
      const headers = method === "GET" ? options.headers : { origin: new URL(base).origin, ...options.headers };
      const req = http.request(base + url, { method, agent, headers, localAddress: options.localAddress }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      });
      // A kept-alive socket the server closed for idleness just as it was reused: nothing reached the server.
      req.on("error", (error: NodeJS.ErrnoException) => reject(Object.assign(error, { reusedSocket: req.reusedSocket })));
      if (options.body) req.write(options.body);
      req.end();
    });
  /** One request; retried once on a fresh socket when a reused keep-alive socket turned out to be closed. */
  const request = async (method: string, url: string, options: Options = {}) => {
    try {
      return await send(method, url, options);
    } catch (error) {
      const { code, reusedSocket } = error as NodeJS.ErrnoException & { reusedSocket?: boolean };
      if (reusedSocket && code === "ECONNRESET") return send(method, url, options);
      throw error;
    }
  };

  const cookiesOf = (headers: http.IncomingHttpHeaders) => (headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");

  let signIns = 0;
  /** next-auth's credentials flow over HTTP; returns the session cookie. */
  async function signIn(email: string, password: string): Promise<string> {
    const csrf = await request("GET", "/api/auth/csrf");
    const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
    const form = new URLSearchParams({ email, password, csrfToken, json: "true" }).toString();
    const res = await request("POST", "/api/auth/callback/credentials", {
      body: form,
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiesOf(csrf.headers) },
      // From many loopback addresses, as many learners sign in from many networks: the per-IP sign-in throttle
      // counts attempts in flight, and a benchmark signs hundreds in at once.
      localAddress: `127.0.${1 + (signIns % 250)}.${1 + (Math.floor(signIns++ / 250) % 250)}`,
    });
    const cookie = cookiesOf(res.headers);
    if (!cookie.includes("session-token")) throw new Error(`sign-in failed for ${email}: ${res.status} ${res.body.slice(0, 200)}`);
    return cookie;
  }
  return { request, signIn };
}

export function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
}
