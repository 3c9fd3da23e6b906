// Class join codes: 8 characters read aloud in a classroom or typed from a projector, so no look-alikes
// (0/O, 1/I/L) and no case. 31^8 ≈ 8.5·10^11 codes: guessing one is hopeless at any rate a server answers.
import crypto from "node:crypto";

export const JOIN_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const JOIN_CODE_LENGTH = 8;

export function generateJoinCode(): string {
  let code = "";
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[crypto.randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}

/** A code as typed (any case, with spaces or dashes) in its stored form, or null when it cannot be one. */
export function normalizeJoinCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]+/g, "");
  if (code.length !== JOIN_CODE_LENGTH) return null;
  for (const char of code) if (!JOIN_CODE_ALPHABET.includes(char)) return null;
  return code;
}

/** For display: two groups of four, easier to read out (`ABCD-EFGH`); normalizeJoinCode accepts it back. */
export function formatJoinCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}
