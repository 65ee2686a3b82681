import { describe, expect, it } from "vitest";
import { certFingerprintSchema, isValidSiren, luhnValid, sirenSchema } from "@/lib/schemas/operators";
import { makeSiren } from "@/cli/demo/factories";

describe("SIREN (9 digits, Luhn key)", () => {
  it.each(["732829320", "552100554", "356000000", "900012345"])("accepts %s", (siren) => {
    expect(isValidSiren(siren)).toBe(true);
  });

  it.each([
    ["wrong key", "732829321"],
    ["8 digits", "73282932"],
    ["10 digits", "7328293200"],
    ["letters", "73282932A"],
    ["empty", ""],
  ])("refuses %s", (_label, siren) => {
    expect(isValidSiren(siren)).toBe(false);
  });

  it("strips spaces and explains in French", () => {
    expect(sirenSchema.parse("732 829 320")).toBe("732829320");
    const r = sirenSchema.safeParse("732829321");
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toBe("SIREN invalide (clé de contrôle incorrecte)");
  });

  it("luhnValid works on any length and factories only make valid SIRENs", () => {
    expect(luhnValid("79927398713")).toBe(true);
    expect(luhnValid("79927398710")).toBe(false);
    for (let i = 0; i < 50; i++) expect(isValidSiren(makeSiren())).toBe(true);
  });
});

describe("client certificate fingerprint", () => {
  it("lower-cases and accepts colon-separated hex", () => {
    const hex = "AB".repeat(32);
    expect(certFingerprintSchema.parse(hex)).toBe("ab".repeat(32));
    expect(certFingerprintSchema.parse(hex.match(/../g)!.join(":"))).toBe("ab".repeat(32));
  });

  it("refuses anything but 64 hex characters", () => {
    expect(certFingerprintSchema.safeParse("ab".repeat(31)).success).toBe(false);
    expect(certFingerprintSchema.safeParse("zz".repeat(32)).success).toBe(false);
  });
});
