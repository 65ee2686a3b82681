import type { Role } from "@/generated/prisma/enums";

/** Where a role's TIRUERT pages live. */
export function tiruertBase(role: Role): string {
  return role === "operateur" ? "/operateur/tiruert" : role === "admin" ? "/admin/tiruert" : "/beneficiaire/tiruert";
}
