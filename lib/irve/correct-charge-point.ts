import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { AppError } from "@/lib/platform/errors";
import { IRVE_LABELS } from "@/lib/schemas/irve";
import { canViewDossier, type Viewer } from "@/lib/dossiers/get-dossier-view";
import { validateIrvePoint } from "@/lib/irve/validate-irve-point";
import { declareChargePoints } from "@/lib/irve/declare-charge-points";
import { formatDay } from "@/lib/platform/format";

/**
 * Corrects the IRVE static data of one declared charge point of the viewer's dossier: the same
 * validation as any declaration, the point's identifier unchanged, and its date of update
 * (date_maj) the day of the change, from which the 10-working-day deadline runs
 * (lib/irve/declaration-deadline.ts). Stored by declareChargePoints (audit included).
 */
export async function correctChargePoint(
  input: { chargePointId: string; values: Record<string, string>; viewer: Viewer; actor: string; actorUserId?: string | null },
  options: { prisma?: PrismaClient } = {},
) {
  const prisma = options.prisma ?? (await db());
  const point = /^[0-9a-f-]{36}$/i.test(input.chargePointId)
    ? await prisma.chargePoint.findUnique({
        where: { id: input.chargePointId },
        select: {
          id: true,
          idPdcItinerance: true,
          irve: true,
          withdrawnOn: true,
          station: { select: { dossierId: true, dossier: { select: { beneficiaryId: true } } } },
        },
      })
    : null;
  if (
    !point ||
    !point.idPdcItinerance ||
    !point.station.dossier ||
    !point.station.dossierId ||
    !canViewDossier(input.viewer, point.station.dossier.beneficiaryId)
  )
    throw new AppError("NOT_FOUND", "Point de charge introuvable.");
  if (point.withdrawnOn) throw new AppError("CONFLICT", `Ce point de charge est retiré depuis le ${formatDay(point.withdrawnOn)}.`);
  const row = await validateIrvePoint({ ...input.values, id_pdc_itinerance: point.idPdcItinerance });
  const previous = (point.irve ?? {}) as Record<string, string>;
  const fields = Object.keys(row.values) as (keyof typeof row.values)[];
  if (fields.every((f) => (previous[f] ?? "") === row.values[f]))
    throw new AppError("INVALID_INPUT", "Rien n'a changé : modifiez au moins un champ.", [
      { path: "date_maj", message: "Aucune modification : le point a déjà ces valeurs" },
    ]);
  if (previous.date_maj && row.values.date_maj <= previous.date_maj)
    throw new AppError("INVALID_INPUT", "Le formulaire contient des erreurs.", [
      {
        path: "date_maj",
        message: `${IRVE_LABELS.date_maj} : indiquez le jour de la modification, après le ${formatDay(previous.date_maj)} (dernière mise à jour déclarée)`,
      },
    ]);
  return declareChargePoints({ dossierId: point.station.dossierId, rows: [row], actor: input.actor, actorUserId: input.actorUserId }, { prisma });
}
