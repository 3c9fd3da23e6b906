// argon2id with the library's defaults (m=19456 KiB, t=2, p=1: OWASP's recommendation), ~70 ms a hash here.
import { hash, verify } from "@node-rs/argon2";

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// A hash of a random password, verified against when the account does not exist, so that a sign-in for an
// unknown email takes as long as one for a known email (no enumeration by timing).
let decoy: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | null | undefined, password: string): Promise<boolean> {
  if (!passwordHash) {
    decoy ??= hash(crypto.randomUUID());
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}
