import { describe, expect, it } from "vitest";
import { clientAddress, trustedProxyCount } from "./client-address";

describe("clientAddress", () => {
  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddress("203.0.113.5", "198.51.100.1", 0)).toBe("203.0.113.5");
    expect(clientAddress("::ffff:127.0.0.42", ["1.2.3.4", "5.6.7.8"], 0)).toBe("127.0.0.42");
    expect(clientAddress("::1", undefined, 0)).toBe("::1");
  });

  it("with n trusted proxies, is the address the n-th proxy from here received the request from", () => {
    // A client forging X-Forwarded-For: 1.1.1.1; our proxy (10.0.0.2) appends the real client, 203.0.113.9.
    expect(clientAddress("10.0.0.2", "1.1.1.1, 203.0.113.9", 1)).toBe("203.0.113.9");
    // Two proxies: a CDN (appends the client) then a load balancer (appends the CDN).
    expect(clientAddress("10.0.0.3", "1.1.1.1, 203.0.113.9, 198.51.100.70", 2)).toBe("203.0.113.9");
    expect(clientAddress("10.0.0.2", ["1.1.1.1", "203.0.113.9"], 1)).toBe("203.0.113.9");
  });

  it("with fewer hops than trusted proxies, is the farthest address known", () => {
    expect(clientAddress("10.0.0.2", undefined, 1)).toBe("10.0.0.2");
    expect(clientAddress("10.0.0.2", "203.0.113.9", 3)).toBe("203.0.113.9");
  });
});

describe("trustedProxyCount", () => {
  it("is 0 unless set to a count of proxies, and refuses anything else with a message", () => {
    expect(trustedProxyCount(undefined)).toBe(0);
    expect(trustedProxyCount("")).toBe(0);
    expect(trustedProxyCount("0")).toBe(0);
    expect(trustedProxyCount("false")).toBe(0);
    expect(trustedProxyCount("1")).toBe(1);
    expect(trustedProxyCount("2")).toBe(2);
    for (const bad of ["true", "yes", "-1", "1.5", "100"]) expect(() => trustedProxyCount(bad)).toThrow(/LATENT_TRUST_PROXY must be the number of reverse proxies/);
  });
});
