import type { CurrentUser } from "@/lib/auth/session";
import type { TiruertActor } from "@/lib/tiruert/scope";

// Display helpers of the TIRUERT pages (French).

/** Wh → "1 234,567 kWh". */
export function formatKwh(wh: number): string {
  return `${(wh / 1000).toLocaleString("fr-FR", { minimumFractionDigits: 0, maximumFractionDigits: 5 })} kWh`;
}

/** The signed-in person as the TIRUERT functions' actor. */
export function tiruertActor(
  user: Pick<CurrentUser, "id" | "email" | "role" | "operatorId" | "beneficiaryId">,
): TiruertActor & { label: string; userId: string } {
  return { role: user.role, operatorId: user.operatorId, beneficiaryId: user.beneficiaryId, label: user.email, userId: user.id };
}
