import { describe, expect, it } from "vitest";
import { formatJoinCode, generateJoinCode, JOIN_CODE_ALPHABET, normalizeJoinCode } from "./join-code";

describe("join codes", () => {
  it("use no look-alike characters", () => {
    for (const char of "01ILO") expect(JOIN_CODE_ALPHABET).not.toContain(char);
    expect(new Set(JOIN_CODE_ALPHABET).size).toBe(JOIN_CODE_ALPHABET.length);
  });

  it("are 8 characters of the alphabet, and all of it is used", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const code = generateJoinCode();
      expect(code).toMatch(new RegExp(`^[${JOIN_CODE_ALPHABET}]{8}$`));
      for (const char of code) seen.add(char);
    }
    expect(seen.size).toBe(JOIN_CODE_ALPHABET.length);
  });

  it("are read back from what people type: any case, spaces or dashes; anything else is not a code", () => {
    expect(normalizeJoinCode(" abcd-efgh ")).toBe("ABCDEFGH");
    expect(normalizeJoinCode(formatJoinCode("K7M2PQRS"))).toBe("K7M2PQRS");
    expect(normalizeJoinCode("ABCD EFG")).toBeNull();
    expect(normalizeJoinCode("ABCDEFG0")).toBeNull();
    expect(normalizeJoinCode("ABCDEFGHJ")).toBeNull();
    expect(normalizeJoinCode("ABCD/EFGH")).toBeNull();
  });
});
