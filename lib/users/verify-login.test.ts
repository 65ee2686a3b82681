import { describe, expect, it } from "vitest";
import { verifyLogin } from "@/lib/users/verify-login";
import { getEnv } from "@/lib/platform/env";
import { isAppError } from "@/lib/platform/errors";
import { makeUser, uniqueSuffix } from "@/cli/demo/factories";

// A distinct client address per test, so the per-address counter of one test never blocks another.
const ip = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}-${uniqueSuffix()}`;

async function failure(p: Promise<unknown>) {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!isAppError(e)) throw new Error(`AppError attendue, obtenu ${String(e)}`);
  return e;
}

describe("verifyLogin", () => {
  it("accepts the right password, case-insensitively on the e-mail", async () => {
    const user = await makeUser({ role: "comite" });
    const session = await verifyLogin({ email: user.email.toUpperCase(), password: user.password, ip: ip() });
    expect(session).toEqual({ id: user.id, email: user.email, name: user.name, role: "comite" });
  });

  it("refuses a wrong password and an unknown e-mail with the same French message", async () => {
    const user = await makeUser({ role: "admin" });
    const wrong = await failure(verifyLogin({ email: user.email, password: `${user.password}x`, ip: ip() }));
    const unknown = await failure(verifyLogin({ email: `inconnu-${uniqueSuffix()}@test.advenir.fr`, password: "x", ip: ip() }));
    expect(wrong.code).toBe("UNAUTHENTICATED");
    expect(wrong.message).toBe("Adresse e-mail ou mot de passe incorrect.");
    expect(unknown.message).toBe(wrong.message);
  });

  it("after LOGIN_MAX_FAILURES failures refuses even the right password", async () => {
    const user = await makeUser({ role: "beneficiaire" });
    const max = getEnv().LOGIN_MAX_FAILURES;
    for (let i = 0; i < max; i++) await failure(verifyLogin({ email: user.email, password: "mauvais-mot-de-passe", ip: ip() }));
    const blocked = await failure(verifyLogin({ email: user.email, password: user.password, ip: ip() }));
    expect(blocked.code).toBe("TOO_MANY_REQUESTS");
    expect(blocked.message).toMatch(/^Trop de tentatives de connexion\. Réessayez dans \d+ minute\(s\)\.$/);
    expect(blocked.retryAfterSeconds).toBeGreaterThan(0);
  });

  it("one failure fewer than the limit still lets the right password in, and resets the count", async () => {
    const user = await makeUser({ role: "operateur" });
    const max = getEnv().LOGIN_MAX_FAILURES;
    for (let i = 0; i < max - 1; i++) await failure(verifyLogin({ email: user.email, password: "mauvais-mot-de-passe", ip: ip() }));
    await expect(verifyLogin({ email: user.email, password: user.password, ip: ip() })).resolves.toMatchObject({ id: user.id });
    await failure(verifyLogin({ email: user.email, password: "mauvais-mot-de-passe", ip: ip() }));
    await expect(verifyLogin({ email: user.email, password: user.password, ip: ip() })).resolves.toMatchObject({ id: user.id });
  });
});
