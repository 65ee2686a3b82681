import "server-only";
import { forbidden } from "next/navigation";
import { requirePermission, type CurrentUser } from "@/lib/auth/session";

/**
 * The person preparing statements in its own area. Beneficiaries and operators both hold
 * `tiruert:prepare-own`, but /beneficiaire/tiruert is the beneficiaries' area and
 * /operateur/tiruert the operators' (docs/tiruert.md): each refuses the other role, as the rest of
 * both areas does, instead of showing the other role's data under the wrong area's links.
 */
export async function requireTiruertArea(role: "beneficiaire" | "operateur"): Promise<CurrentUser> {
  const user = await requirePermission("tiruert:prepare-own");
  if (user.role !== role) forbidden();
  return user;
}
