import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import { AuthSecretMismatchError, checkSharedSecret, secretFingerprint } from "./shared-secret";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

describe("the auth secret every node shares", () => {
  it("is recorded by the first node as a fingerprint, not the secret, and agreed by the next ones", async () => {
    expect(await checkSharedSecret(t.db, "first secret")).toBe("recorded");
    const stored = await t.db.instanceSetting.findMany();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.value).toBe(secretFingerprint("first secret"));
    expect(stored[0]!.value).not.toContain("first secret");
    expect(await checkSharedSecret(t.db, "first secret")).toBe("same");
  });

  it("makes a node with another secret refuse to start, saying what to copy, and changes nothing", async () => {
    await expect(checkSharedSecret(t.db, "another secret")).rejects.toThrow(AuthSecretMismatchError);
    await expect(checkSharedSecret(t.db, "another secret")).rejects.toThrow(/Copy NEXTAUTH_SECRET/);
    expect((await t.db.instanceSetting.findMany())[0]!.value).toBe(secretFingerprint("first secret"));
  });

  it("takes a new secret when told to (a deliberate change, or one machine's embedded database)", async () => {
    expect(await checkSharedSecret(t.db, "rotated secret", { replaceOnMismatch: true })).toBe("replaced");
    expect(await checkSharedSecret(t.db, "rotated secret")).toBe("same");
    await expect(checkSharedSecret(t.db, "first secret")).rejects.toThrow(AuthSecretMismatchError);
  });

  it("agrees with itself when many nodes start at once: one fingerprint, every node the same", async () => {
    const other = await createTestDatabase();
    try {
      const results = await Promise.all(Array.from({ length: 8 }, () => checkSharedSecret(other.db, "cluster secret")));
      expect(results.filter((r) => r === "recorded")).toHaveLength(1);
      expect(results.filter((r) => r === "same")).toHaveLength(7);
      await expect(Promise.all([checkSharedSecret(other.db, "cluster secret"), checkSharedSecret(other.db, "stray secret")])).rejects.toThrow(AuthSecretMismatchError);
    } finally {
      await other.drop();
    }
  });
});
