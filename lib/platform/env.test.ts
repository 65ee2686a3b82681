import { afterEach, describe, expect, it, vi } from "vitest";

// lib/platform/env caches the parsed environment: each case imports a fresh copy of the module.
const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  vi.resetModules();
});

async function freshEnv(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  vi.resetModules();
  return import("@/lib/platform/env");
}

describe("environment validation", () => {
  it("refuses production without NEXTAUTH_SECRET, in French, naming the variable", async () => {
    const { getEnv } = await freshEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: undefined });
    expect(() => getEnv()).toThrow(/Configuration invalide[\s\S]*NEXTAUTH_SECRET: obligatoire en production/);
  });

  it("accepts production with a secret of 16 characters or more", async () => {
    const { getEnv } = await freshEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: "0123456789abcdef" });
    expect(getEnv().NEXTAUTH_SECRET).toBe("0123456789abcdef");
  });

  it("refuses a short secret and a DATABASE_URL of another kind", async () => {
    const { getEnv } = await freshEnv({ NEXTAUTH_SECRET: "court", DATABASE_URL: "mysql://x" });
    expect(() => getEnv()).toThrow(/NEXTAUTH_SECRET: au moins 16 caractères/);
    expect(() => getEnv()).toThrow(/DATABASE_URL: doit commencer par postgresql:\/\/ ou pglite:/);
  });

  it("applies defaults and falls back to the embedded database", async () => {
    const { getEnv, databaseUrl } = await freshEnv({ DATABASE_URL: undefined, LOGIN_MAX_FAILURES: undefined, TRUSTED_PROXIES: " 10.0.0.1, ,10.0.0.2" });
    expect(getEnv().LOGIN_MAX_FAILURES).toBe(5);
    expect(getEnv().TRUSTED_PROXIES).toEqual(["10.0.0.1", "10.0.0.2"]);
    expect(databaseUrl()).toBe("pglite:.data/pglite");
  });

  it("reads the end of the programme as a calendar date, empty meaning unset", async () => {
    expect((await freshEnv({ PROGRAMME_END_DATE: "2027-12-31" })).getEnv().PROGRAMME_END_DATE).toBe("2027-12-31");
    expect((await freshEnv({ PROGRAMME_END_DATE: "" })).getEnv().PROGRAMME_END_DATE).toBeUndefined();
    for (const bad of ["2026-02-30", "2026-13-01", "31/12/2027"]) {
      const { getEnv } = await freshEnv({ PROGRAMME_END_DATE: bad });
      expect(() => getEnv(), bad).toThrow(/PROGRAMME_END_DATE: date (invalide|attendue au format AAAA-MM-JJ)/);
    }
  });
  it("reads the monthly-sending threshold in months (default one) and requires a sender once SMTP is set", async () => {
    expect((await freshEnv({ MONTHLY_SENDING_MAX_SILENCE_MONTHS: undefined })).getEnv().MONTHLY_SENDING_MAX_SILENCE_MONTHS).toBe(1);
    expect((await freshEnv({ MONTHLY_SENDING_MAX_SILENCE_MONTHS: "2" })).getEnv().MONTHLY_SENDING_MAX_SILENCE_MONTHS).toBe(2);
    for (const bad of ["0", "1.5", "13"]) {
      const { getEnv } = await freshEnv({ MONTHLY_SENDING_MAX_SILENCE_MONTHS: bad });
      expect(() => getEnv(), bad).toThrow(/MONTHLY_SENDING_MAX_SILENCE_MONTHS/);
    }
    delete process.env.MONTHLY_SENDING_MAX_SILENCE_MONTHS;
    expect((await freshEnv({ SMTP_URL: "", SMTP_HOST: "", SMTP_FROM: "" })).getEnv().SMTP_URL).toBeUndefined();
    await expect(freshEnv({ SMTP_URL: "smtp://localhost:2525", SMTP_FROM: undefined }).then((m) => m.getEnv())).rejects.toThrow(/SMTP_FROM: obligatoire/);
    await expect(freshEnv({ SMTP_URL: "http://x", SMTP_FROM: "a@b.fr" }).then((m) => m.getEnv())).rejects.toThrow(/SMTP_URL: doit commencer par smtp/);
    expect((await freshEnv({ SMTP_URL: undefined, SMTP_HOST: "mail.example.fr", SMTP_FROM: "Portail <a@b.fr>" })).getEnv()).toMatchObject({
      SMTP_HOST: "mail.example.fr",
      SMTP_PORT: 587,
    });
  });
});
