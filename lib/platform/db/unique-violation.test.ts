import { describe, expect, it } from "vitest";
import { isUniqueViolation, uniqueViolationFields } from "@/lib/platform/db/unique-violation";

describe("unique violations", () => {
  it("recognises Prisma's P2002 and nothing else", () => {
    expect(isUniqueViolation({ code: "P2002" })).toBe(true);
    expect(isUniqueViolation({ code: "P2025" })).toBe(false);
    expect(isUniqueViolation(new Error("P2002"))).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
  });

  it("reads the columns from Prisma's target or from the driver adapter's constraint", () => {
    expect(uniqueViolationFields({ code: "P2002", meta: { target: ["email"] } })).toEqual(["email"]);
    expect(uniqueViolationFields({ code: "P2002", meta: { target: "operator_cert_key" } })).toEqual(["operator_cert_key"]);
    expect(uniqueViolationFields({ code: "P2002", meta: { driverAdapterError: { cause: { constraint: { fields: ["cert_sha256"] } } } } })).toEqual([
      "cert_sha256",
    ]);
    expect(uniqueViolationFields({ code: "P2002", meta: { driverAdapterError: { cause: { constraint: { index: "station_code_key" } } } } })).toEqual([
      "station_code_key",
    ]);
    expect(uniqueViolationFields({ code: "P2003", meta: { target: ["email"] } })).toEqual([]);
  });
});
