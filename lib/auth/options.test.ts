import { afterEach, describe, expect, it } from "vitest";
import { authOptions, githubEnabled } from "./options";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe("auth options", () => {
  it("offers GitHub sign-in only when GITHUB_ID and GITHUB_SECRET are both set", () => {
    process.env.DATABASE_URL ??= "postgresql://nobody@127.0.0.1:1/none"; // the client connects lazily: nothing is reached
    delete process.env.GITHUB_ID;
    delete process.env.GITHUB_SECRET;
    expect(githubEnabled()).toBe(false);
    expect(authOptions().providers.map((p) => p.id)).toEqual(["credentials"]);

    process.env.GITHUB_ID = "id";
    expect(githubEnabled()).toBe(false);
    process.env.GITHUB_SECRET = "secret";
    expect(githubEnabled()).toBe(true);
    expect(authOptions().providers.map((p) => p.id)).toEqual(["credentials", "github"]);
  });

  it("uses JWT sessions and our own sign-in page", () => {
    process.env.DATABASE_URL ??= "postgresql://nobody@127.0.0.1:1/none";
    const options = authOptions();
    expect(options.session?.strategy).toBe("jwt");
    expect(options.pages).toEqual({ signIn: "/signin", error: "/signin" });
  });
});
