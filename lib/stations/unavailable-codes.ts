import type { Prisma } from "@/generated/prisma/client";
import type { FieldError } from "@/lib/platform/errors";

// A station or point identifier already in use. The beneficiary learns where only when it is one
// of their own dossiers; otherwise only that the identifier is unavailable and whom to ask (its
// operator agrees identifiers), never that another beneficiary registered it.

export const UNAVAILABLE = "identifiant indisponible : contactez votre opérateur, qui attribue les identifiants de ses stations";

export interface TakenCode {
  code: string;
  /** Reference of the beneficiary's own dossier holding it; null when it is someone else's. */
  ownDossier: string | null;
}

export function takenMessage(label: string, t: TakenCode): string {
  return t.ownDossier ? `${label} ${t.code} : déjà enregistré sur votre dossier ${t.ownDossier}` : `${label} ${t.code} : ${UNAVAILABLE}`;
}

/** Station codes of `operatorId` among `codes` already registered (outside `exceptDossierId` if given). */
export async function takenStationCodes(
  tx: Prisma.TransactionClient,
  input: { operatorId: string; codes: string[]; beneficiaryId: string; exceptDossierId?: string },
): Promise<TakenCode[]> {
  if (input.codes.length === 0) return [];
  const rows = await tx.station.findMany({
    where: { operatorId: input.operatorId, stationCode: { in: input.codes }, ...(input.exceptDossierId ? { dossierId: { not: input.exceptDossierId } } : {}) },
    select: { stationCode: true, dossier: { select: { reference: true, beneficiaryId: true } } },
    orderBy: { stationCode: "asc" },
  });
  return rows.map((r) => ({ code: r.stationCode, ownDossier: r.dossier && r.dossier.beneficiaryId === input.beneficiaryId ? r.dossier.reference : null }));
}

/** The form-level message and field errors of taken codes, nothing stored. */
export function takenSummary(taken: TakenCode[], pathOf: (code: string) => string, label: string): { message: string; fields: FieldError[] } {
  const fields = taken.map((t) => ({ path: pathOf(t.code), message: takenMessage(label, t) }));
  const message =
    taken.length === 1
      ? `${takenMessage(label, taken[0])}. Rien n'a été enregistré.`
      : `${taken.length} identifiants ne sont pas disponibles : rien n'a été enregistré.`;
  return { message, fields };
}
