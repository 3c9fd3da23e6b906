import { afterEach, describe, expect, it } from "vitest";
import { crossSiteReason, isJsonContentType } from "./same-origin";

const saved = process.env.NEXTAUTH_URL;
afterEach(() => {
  if (saved === undefined) delete process.env.NEXTAUTH_URL;
  else process.env.NEXTAUTH_URL = saved;
});

const post = (headers: Record<string, string>, url = "http://localhost:3000/api/review/undo") => new Request(url, { method: "POST", headers });

describe("crossSiteReason", () => {
  it("with NEXTAUTH_URL set, accepts exactly its origin", () => {
    process.env.NEXTAUTH_URL = "https://latent.example.com";
    expect(crossSiteReason(post({ origin: "https://latent.example.com" }))).toBeNull();
    for (const origin of ["http://latent.example.com", "https://latent.example.com:8443", "https://evil.latent.example.com", "https://evil.example", "null", "not a url"]) {
      expect(crossSiteReason(post({ origin, host: "latent.example.com" })), origin).toMatch(/another site/);
    }
  });

  it("without NEXTAUTH_URL, accepts an Origin whose host is the one the request was sent to", () => {
    delete process.env.NEXTAUTH_URL;
    expect(crossSiteReason(post({ origin: "http://latent.lan:3000", host: "latent.lan:3000" }))).toBeNull();
    expect(crossSiteReason(post({ origin: "http://localhost:3000" }))).toBeNull(); // the URL's host, with no Host header
    expect(crossSiteReason(post({ origin: "http://evil.example", host: "latent.lan:3000" }))).toMatch(/another site \(http:\/\/evil\.example\)/);
    expect(crossSiteReason(post({ origin: "http://localhost:3001", host: "localhost:3000" }))).toMatch(/another site/);
  });

  it("accepts Sec-Fetch-Site: same-origin without Origin, and refuses any other Sec-Fetch-Site even with a good Origin", () => {
    process.env.NEXTAUTH_URL = "http://localhost:3000";
    expect(crossSiteReason(post({ "sec-fetch-site": "same-origin" }))).toBeNull();
    expect(crossSiteReason(post({ "sec-fetch-site": "same-origin", origin: "http://localhost:3000" }))).toBeNull();
    for (const site of ["same-site", "cross-site", "none"]) {
      expect(crossSiteReason(post({ "sec-fetch-site": site, origin: "http://localhost:3000" })), site).toMatch(/another site \(Sec-Fetch-Site/);
    }
  });

  it("refuses a request that says nothing about where it comes from", () => {
    process.env.NEXTAUTH_URL = "http://localhost:3000";
    expect(crossSiteReason(post({}))).toMatch(/no Origin header/);
  });
});

describe("isJsonContentType", () => {
  it("accepts application/json with or without parameters, and nothing else", () => {
    expect(isJsonContentType(post({ "content-type": "application/json" }))).toBe(true);
    expect(isJsonContentType(post({ "content-type": "Application/JSON; charset=utf-8" }))).toBe(true);
    for (const type of ["text/plain", "text/plain; application/json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonp"]) {
      expect(isJsonContentType(post({ "content-type": type })), type).toBe(false);
    }
    expect(isJsonContentType(post({}))).toBe(false);
  });
});
