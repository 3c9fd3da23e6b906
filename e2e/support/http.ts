// Raw HTTP against the e2e server, for what a browser or Playwright's request fixture cannot do: stream a body of
// any size without Content-Length, connect from another loopback address (so a throttle test locks that address,
// not the one every other spec uses), and read the server process's memory.
import fs from "node:fs";
import http from "node:http";

export const PORT = Number(process.env.E2E_PORT) || 3100;
export const ORIGIN = `http://localhost:${PORT}`;

export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; body: string; cookies: string[] };

type RawOptions = {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Connect from this loopback address (127.0.0.2 … 127.255.255.254 all reach the server). */
  localAddress?: string;
};

export function rawRequest(path: string, options: RawOptions = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `http://127.0.0.1:${PORT}${path}`,
      { method: options.method ?? "GET", headers: { host: `localhost:${PORT}`, ...options.headers }, localAddress: options.localAddress, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
            cookies: (res.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]!),
          }),
        );
      },
    );
    req.on("error", reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

export type StreamedResponse = { status: number; body: string; bytesSentBeforeResponse: number; bytesSent: number };

/**
 * Sends `totalBytes` of body in chunks with no Content-Length (chunked transfer encoding), as fast as the server
 * takes them, and stops sending once the response arrives. `bytesSentBeforeResponse` tells how much the server had
 * taken in when it answered. The connection is kept alive, as a browser's is (with `Connection: close` the server
 * closes it right after answering, and the reset of a connection closed with unread data can beat the answer).
 */
export function streamBody(path: string, options: { method: string; headers: Record<string, string>; totalBytes: number; prefix?: string }): Promise<StreamedResponse> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return new Promise<StreamedResponse>((resolve, reject) => {
    let sent = 0;
    let sentAtResponse = -1;
    let answered = false;
    const req = http.request(`http://127.0.0.1:${PORT}${path}`, { method: options.method, headers: { host: `localhost:${PORT}`, ...options.headers }, agent }, (res) => {
      answered = true;
      sentAtResponse = sent;
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), bytesSentBeforeResponse: sentAtResponse, bytesSent: sent });
        req.destroy();
      });
    });
    // Once answered, the server may close the connection while we are still writing: that is expected.
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    const chunk = Buffer.alloc(64 * 1024, "a");
    const write = () => {
      if (sent === 0 && options.prefix) {
        req.write(options.prefix);
        sent += Buffer.byteLength(options.prefix);
      }
      while (!answered && sent < options.totalBytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", write);
      }
      if (!answered) req.end();
    };
    write();
  }).finally(() => agent.destroy());
}

/** next-auth's credentials sign-in over HTTP, from a chosen loopback address. */
export async function signInOverHttp(email: string, password: string, options: { localAddress?: string; headers?: Record<string, string>; callbackUrl?: string } = {}) {
  const csrf = await rawRequest("/api/auth/csrf", { localAddress: options.localAddress });
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const response = await rawRequest("/api/auth/callback/credentials", {
    method: "POST",
    localAddress: options.localAddress,
    headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN, cookie: csrf.cookies.join("; "), ...options.headers },
    body: new URLSearchParams({ email, password, csrfToken, json: "true", ...(options.callbackUrl === undefined ? {} : { callbackUrl: options.callbackUrl }) }).toString(),
  });
  const session = response.cookies.find((c) => c.includes("session-token="));
  return { status: response.status, session, body: response.body };
}

/** Resident memory of the process listening on the e2e port, in bytes (Linux /proc). */
export function serverRss(): number {
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!fs.existsSync(table)) continue;
    for (const line of fs.readFileSync(table, "utf8").split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      // local_address is HEX_IP:HEX_PORT, state 0A is LISTEN, the inode is column 9.
      if (cols[3] === "0A" && parseInt(cols[1]?.split(":")[1] ?? "", 16) === PORT) inodes.add(cols[9]!);
    }
  }
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let target = "";
      try {
        target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode && inodes.has(inode)) {
        const kb = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
        return Number(kb) * 1024;
      }
    }
  }
  throw new Error(`no process listens on port ${PORT}`);
}

/** The id of a server action in the build the e2e server runs (what a page's JavaScript sends as Next-Action). */
export function serverActionId(filename: string, exportedName: string): string {
  const manifest = JSON.parse(fs.readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  const id = Object.entries(manifest.node).find(([, action]) => action.filename === filename && action.exportedName === exportedName)?.[0];
  if (!id) throw new Error(`no server action ${exportedName} in ${filename}`);
  return id;
}

/** Calls the sign-up server action as the sign-up page's JavaScript does, from a chosen loopback address. */
export async function signUpOverHttp(input: { email: string; password: string; name?: string }, options: { localAddress?: string } = {}) {
  const response = await rawRequest("/signup", {
    method: "POST",
    localAddress: options.localAddress,
    headers: {
      "next-action": serverActionId("app/(auth)/signup/actions.ts", "signUp"),
      "content-type": "text/plain;charset=UTF-8",
      accept: "text/x-component",
      origin: ORIGIN,
    },
    body: JSON.stringify([{ name: input.name ?? "", email: input.email, password: input.password, timeZone: "UTC" }]),
  });
  // The action's result is one line of React's flight format: `1:{"ok":…,"errors":{…}}`.
  const result = /^\d+:(\{"ok".*\})$/m.exec(response.body)?.[1];
  if (response.status !== 200 || !result) throw new Error(`sign-up action answered ${response.status}: ${response.body.slice(0, 300)}`);
  return JSON.parse(result) as { ok: boolean; errors: Record<string, string> };
}
