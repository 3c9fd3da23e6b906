import { encode } from "next-auth/jwt";
import { describe, expect, it, vi } from "vitest";
import { decodeSessionToken, requestCookies } from "./request-session";

// Our session read must accept exactly what next-auth's own cookie encoding produces, and nothing else.
describe("decodeSessionToken", () => {
  const secret = "a-secret-of-reasonable-length-for-tests";

  it("reads a token next-auth encoded", async () => {
    const token = await encode({ token: { sub: "user-1", email: "a@example.com" }, secret });
    const claims = await decodeSessionToken(token, secret);
    expect(claims.sub).toBe("user-1");
    expect(claims.email).toBe("a@example.com");
  });

  it("refuses a token encrypted with another secret", async () => {
    const token = await encode({ token: { sub: "user-1" }, secret: "another-secret-entirely" });
    await expect(decodeSessionToken(token, secret)).rejects.toThrow();
  });

  it("refuses an altered token", async () => {
    const token = await encode({ token: { sub: "user-1" }, secret });
    const parts = token.split(".");
    const ciphertext = parts[3]!;
    parts[3] = (ciphertext[0] === "A" ? "B" : "A") + ciphertext.slice(1);
    await expect(decodeSessionToken(parts.join("."), secret)).rejects.toThrow();
  });

  it("refuses an expired token, with next-auth's 15 s clock tolerance", async () => {
    const expired = await encode({ token: { sub: "user-1" }, secret, maxAge: -60 });
    await expect(decodeSessionToken(expired, secret)).rejects.toThrow(/exp/);
    const justExpired = await encode({ token: { sub: "user-1" }, secret, maxAge: -5 });
    expect((await decodeSessionToken(justExpired, secret)).sub).toBe("user-1");
  });

  it("reads a token again from memory only until its expiry (with the tolerance), then refuses it", async () => {
    const token = await encode({ token: { sub: "user-kept" }, secret, maxAge: 60 });
    expect((await decodeSessionToken(token, secret)).sub).toBe("user-kept");
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + 70_000);
      expect((await decodeSessionToken(token, secret)).sub).toBe("user-kept");
      vi.setSystemTime(Date.now() + 10_000);
      await expect(decodeSessionToken(token, secret)).rejects.toThrow(/exp/);
    } finally {
      vi.useRealTimers();
    }
  });

  it("keeps one derived key per secret", async () => {
    const other = "the-second-secret-of-this-instance";
    const a = await encode({ token: { sub: "a" }, secret });
    const b = await encode({ token: { sub: "b" }, secret: other });
    expect((await decodeSessionToken(a, secret)).sub).toBe("a");
    expect((await decodeSessionToken(b, other)).sub).toBe("b");
    await expect(decodeSessionToken(b, secret)).rejects.toThrow();
  });
});

describe("requestCookies", () => {
  const jar = (cookie?: string) => requestCookies(new Request("http://latent.test/", cookie === undefined ? {} : { headers: { cookie } }));

  it("reads name=value pairs, decoding values, keeping the first of a repeated name", () => {
    expect(jar("a=1; b=x%20y;c=\"quoted\"; a=2")).toEqual({ a: "1", b: "x y", c: "quoted" });
  });

  it("ignores what is not a cookie and keeps a value it cannot decode as sent", () => {
    expect(jar()).toEqual({});
    expect(jar("; =nameless; flag; v=%E0%A4%A")).toEqual({ v: "%E0%A4%A" });
  });
});
