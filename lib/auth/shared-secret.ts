// Every web server of an instance must sign and read sessions with the same NEXTAUTH_SECRET: behind a load balancer,
// a node with another secret would take every session it sees for forged and sign its users out, one request in
// two. `npm start` generates a secret into .env.local when none is set, which is right for one machine and wrong for
// the second one. So the first node records a fingerprint of its secret in the database (an HMAC of a fixed text:
// it does not reveal the secret), and a node whose secret gives another fingerprint refuses to start, saying why.
import crypto from "node:crypto";
import type { Db } from "@/lib/db";

const KEY = "auth-secret-fingerprint";

export function secretFingerprint(secret: string): string {
  return crypto.createHmac("sha256", secret).update("latent: the auth secret every node shares, v1").digest("base64url");
}

export class AuthSecretMismatchError extends Error {
  constructor() {
    super(
      "This server's NEXTAUTH_SECRET is not the one the other servers of this database use, so the sessions they issue " +
        "would not be valid here. Copy NEXTAUTH_SECRET from a running server's environment (or its .env.local) to this one. " +
        "If you changed the secret on purpose (it signs everyone out), start one server with LATENT_NEW_AUTH_SECRET=1 to record the new one.",
    );
    this.name = "AuthSecretMismatchError";
  }
}

export type SharedSecretCheck = "recorded" | "same" | "replaced";

/**
 * Records the secret's fingerprint when none is recorded, then compares: "same" when this secret is the instance's;
 * a different one throws AuthSecretMismatchError, or with `replaceOnMismatch` (one machine's embedded database, where
 * no other node can be; or an operator's deliberate change) becomes the instance's ("replaced").
 */
export async function checkSharedSecret(db: Db, secret: string, options: { replaceOnMismatch?: boolean } = {}): Promise<SharedSecretCheck> {
  const fingerprint = secretFingerprint(secret);
  const rows = await db.$queryRaw<Array<{ value: string; inserted: boolean }>>`
    WITH inserted AS (
      INSERT INTO "InstanceSetting" (key, value, "updatedAt") VALUES (${KEY}, ${fingerprint}, now())
      ON CONFLICT (key) DO NOTHING RETURNING value)
    SELECT value, true AS inserted FROM inserted UNION ALL SELECT value, false FROM "InstanceSetting" WHERE key = ${KEY}`;
  if (rows.some((row) => row.inserted)) return "recorded";
  // Another node inserted it while this statement ran: its row is not in this statement's snapshot; read it now.
  if (rows.length === 0) rows.push(...(await db.$queryRaw<Array<{ value: string; inserted: boolean }>>`SELECT value, false AS inserted FROM "InstanceSetting" WHERE key = ${KEY}`));
  if (rows.every((row) => row.value === fingerprint)) return "same";
  if (!options.replaceOnMismatch) throw new AuthSecretMismatchError();
  await db.$executeRaw`UPDATE "InstanceSetting" SET value = ${fingerprint}, "updatedAt" = now() WHERE key = ${KEY}`;
  return "replaced";
}
