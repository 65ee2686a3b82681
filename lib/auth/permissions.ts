import type { Role } from "@/generated/prisma/enums";

// The one table of who may do what. Pages, server actions, route handlers and the CLI check
// these permissions (through requirePermission / can); the proxy only redirects anonymous users.
export const PERMISSIONS = {
  "account:manage-own": ["beneficiaire", "operateur", "comite", "admin"],
  "dossiers:manage-own": ["beneficiaire"],
  "attestations:sign-own": ["beneficiaire"],
  "operator:console": ["operateur"],
  "operator:credentials": ["operateur"],
  /** The operator's own data-quality report and the rows of its data breaking the rules (docs/data-quality.md). */
  "data-quality:read-own": ["operateur"],
  /** Every operator's data-quality results (aggregates per unit and operator). */
  "data-quality:read-all": ["admin"],
  "indicators:read": ["comite", "admin"],
  /** Late declarations counted per région, operator count and age: anonymous (lib/anonymity). */
  "declarations:read-late-summary": ["comite", "admin"],
  /** The late declarations themselves: dossiers, operators, stations. Individual data. */
  "declarations:read-late": ["admin"],
  /**
   * The monthly-sending rule (protocol §3.1, lib/monthly-sending) across operators: every late
   * station, its operator's contacts and reminders. Operators read their own late stations through
   * "operator:console", beneficiaries theirs through "dossiers:manage-own".
   */
  "monthly-sending:read-late": ["admin"],
  "indicators:compute": ["admin"],
  "users:manage": ["admin"],
  "operators:manage": ["admin"],
  /** Machine accounts of the QualiCharge API: operational units, groups, API users (ADR 0019). */
  "api-accounts:manage": ["admin"],
  /**
   * The GIREVE channel (ADR 0023): the relay's machine accounts (create, revoke, rotate, certificate),
   * the journal of its calls and the EVSEs it named that no dossier declares (individual data).
   */
  "gireve:manage": ["admin"],
  "dossiers:read-all": ["admin"],
  "audit:read": ["admin"],
  /** The data API's failed authentications, with the logins and client addresses tried. */
  "security-log:read": ["admin"],
  /** Points whose static data differ between the sources that declared them (API users, dossiers). */
  "declarations:read-conflicts": ["admin"],
  /**
   * Electric TIRUERT (lib/tiruert, docs/tiruert.md): register the points of one's own aménageurs
   * (SIRENs), see, file and correct their quarterly statements, print their receipts. A
   * beneficiary acts for its own SIREN, an operator for the points it operates (as aggregator).
   */
  "tiruert:prepare-own": ["beneficiaire", "operateur"],
  /** Every aménageur's statements and points, with their exports. Individual data. */
  "tiruert:read-all": ["admin"],
  /** The reference table of renewable shares by year (Eurostat SHARES, RES-E), audited. */
  "tiruert:manage-reference": ["admin"],
  /** National and regional totals of the filed statements only, under the anonymity rules. */
  "tiruert:read-totals": ["comite", "admin"],
  "individual-data:read": ["admin"],
  "individual-data:purge": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export const ROLES: readonly Role[] = ["beneficiaire", "operateur", "comite", "admin"];

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export const ROLE_LABELS: Record<Role, string> = {
  beneficiaire: "Bénéficiaire",
  operateur: "Opérateur",
  comite: "Comité de pilotage",
  admin: "Opérateur technique (administration)",
};

/** Where each role lands after logging in. */
export const ROLE_HOME: Record<Role, string> = {
  beneficiaire: "/beneficiaire",
  operateur: "/operateur",
  comite: "/comite",
  admin: "/admin",
};
