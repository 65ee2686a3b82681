import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, ROLES, type Permission } from "@/lib/auth/permissions";
import type { Role } from "@/generated/prisma/enums";

// The expected table, written out independently of lib/auth/permissions.ts.
const EXPECTED: Record<Role, Permission[]> = {
  beneficiaire: ["account:manage-own", "dossiers:manage-own", "attestations:sign-own", "tiruert:prepare-own"],
  operateur: ["account:manage-own", "operator:console", "operator:credentials", "data-quality:read-own", "tiruert:prepare-own"],
  comite: ["account:manage-own", "indicators:read", "declarations:read-late-summary", "tiruert:read-totals"],
  admin: [
    "account:manage-own",
    "indicators:read",
    "declarations:read-late-summary",
    "declarations:read-late",
    "monthly-sending:read-late",
    "declarations:read-conflicts",
    "indicators:compute",
    "users:manage",
    "operators:manage",
    "api-accounts:manage",
    "gireve:manage",
    "dossiers:read-all",
    "audit:read",
    "security-log:read",
    "individual-data:read",
    "individual-data:purge",
    "data-quality:read-all",
    "tiruert:read-all",
    "tiruert:manage-reference",
    "tiruert:read-totals",
  ],
};

describe("role → permission table", () => {
  it.each(ROLES)("%s has exactly its permissions", (role) => {
    const granted = (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(role, p));
    expect(granted.sort()).toEqual([...EXPECTED[role]].sort());
  });

  it("keeps indicators and individual data away from beneficiaries and operators", () => {
    for (const role of ["beneficiaire", "operateur"] as const) {
      expect(can(role, "indicators:read")).toBe(false);
      expect(can(role, "individual-data:read")).toBe(false);
    }
    expect(can("comite", "individual-data:read")).toBe(false);
    // The committee counts late declarations; it never lists their dossiers, operators, stations.
    expect(can("comite", "declarations:read-late")).toBe(false);
    expect(can("comite", "declarations:read-late-summary")).toBe(true);
    // Conflicting declarations name points, dossiers and API users: the admin only.
    for (const role of ["beneficiaire", "operateur", "comite"] as const) expect(can(role, "declarations:read-conflicts")).toBe(false);
    expect(can("admin", "individual-data:read")).toBe(true);
    // Late stations of every operator, with their contacts: the admin only (each operator sees its own in its console).
    for (const role of ["beneficiaire", "operateur", "comite"] as const) expect(can(role, "monthly-sending:read-late")).toBe(false);
    expect(can("admin", "monthly-sending:read-late")).toBe(true);
    // The security log names logins and client addresses: the admin only, not even the operator whose login was tried.
    for (const role of ["beneficiaire", "operateur", "comite"] as const) expect(can(role, "security-log:read")).toBe(false);
    expect(can("admin", "security-log:read")).toBe(true);
    // The QualiCharge API's machine accounts (superusers among them) are the technical operator's to manage.
    for (const role of ["beneficiaire", "operateur", "comite"] as const) expect(can(role, "api-accounts:manage")).toBe(false);
    expect(can("admin", "api-accounts:manage")).toBe(true);
    // The GIREVE relay's accounts, its calls and the unknown EVSEs (operators' points): the admin only.
    for (const role of ["beneficiaire", "operateur", "comite"] as const) expect(can(role, "gireve:manage")).toBe(false);
    expect(can("admin", "gireve:manage")).toBe(true);
    // An operator reads its own data-quality report; every operator's is the admin's.
    for (const role of ["beneficiaire", "comite", "admin"] as const) expect(can(role, "data-quality:read-own")).toBe(false);
    for (const role of ["beneficiaire", "operateur", "comite"] as const) expect(can(role, "data-quality:read-all")).toBe(false);
  });
});
