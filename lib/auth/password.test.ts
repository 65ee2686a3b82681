import { describe, expect, it } from "vitest";
import { generateSecret, hashSecret, verifySecret } from "@/lib/auth/password";

describe("password hashing (scrypt)", () => {
  it("verifies the right secret and refuses a wrong one", async () => {
    const hash = await hashSecret("correct horse battery staple");
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(hash).not.toContain("correct horse");
    expect(await verifySecret("correct horse battery staple", hash)).toBe(true);
    expect(await verifySecret("correct horse battery stapler", hash)).toBe(false);
    expect(await verifySecret("", hash)).toBe(false);
  });

  it("salts: two hashes of one secret differ and both verify", async () => {
    const [a, b] = await Promise.all([hashSecret("même secret"), hashSecret("même secret")]);
    expect(a).not.toBe(b);
    expect(await verifySecret("même secret", a)).toBe(true);
    expect(await verifySecret("même secret", b)).toBe(true);
  });

  it.each([
    ["empty", ""],
    ["plain text", "not-a-hash"],
    ["other algorithm", "bcrypt$16384$8$1$c2FsdA==$a2V5"],
    ["missing part", "scrypt$16384$8$1$c2FsdA=="],
  ])("returns false for a malformed hash (%s)", async (_label, stored) => {
    expect(await verifySecret("anything", stored)).toBe(false);
  });

  it("generates distinct URL-safe secrets", () => {
    const a = generateSecret();
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(generateSecret()).not.toBe(a);
  });
});
