import { z } from "zod";
import { db } from "@/lib/platform/db/database";
import { AppError } from "@/lib/platform/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { isUniqueViolation } from "@/lib/platform/db/unique-violation";
import { parseInput } from "@/lib/schemas/validation";
import { createDossierSchema } from "@/lib/schemas/dossiers";
import { actorSchema, type AuditActor } from "@/lib/schemas/audit";
import { canViewDossier, type Viewer } from "@/lib/dossiers/get-dossier-view";
import { assertKnownCommune } from "@/lib/dossiers/commune-codes";

export const updateDossierSchema = createDossierSchema.omit({ beneficiaryId: true }).extend({
  dossierId: z.uuid({ error: "identifiant de dossier invalide" }),
});

/**
 * Edits a dossier. The operator and the channel decide which stations and data belong to it, so
 * they can only change while no station is registered.
 */
export async function updateDossier(input: z.input<typeof updateDossierSchema> & AuditActor & { viewer: Viewer }) {
  const who = parseInput(actorSchema, input);
  const data = parseInput(updateDossierSchema, input);
  assertKnownCommune(data.inseeCode);
  const prisma = await db();
  try {
    return await prisma.$transaction(async (tx) => {
      const current = await tx.dossier.findUnique({
        where: { id: data.dossierId },
        select: { beneficiaryId: true, operatorId: true, channel: true, _count: { select: { stations: true } } },
      });
      if (!current || !canViewDossier(input.viewer, current.beneficiaryId)) throw new AppError("NOT_FOUND", "Dossier introuvable.");
      if (current._count.stations > 0 && (current.operatorId !== data.operatorId || current.channel !== data.channel)) {
        const fields = [
          ...(current.operatorId !== data.operatorId
            ? [{ path: "operatorId", message: "l'opérateur ne peut plus changer : des stations sont déclarées" }]
            : []),
          ...(current.channel !== data.channel ? [{ path: "channel", message: "le canal ne peut plus changer : des stations sont déclarées" }] : []),
        ];
        throw new AppError("CONFLICT", "Des stations sont déjà déclarées sur ce dossier.", fields);
      }
      if (!(await tx.operator.findUnique({ where: { id: data.operatorId }, select: { id: true } })))
        throw new AppError("NOT_FOUND", "Opérateur introuvable.", [{ path: "operatorId", message: "opérateur introuvable" }]);
      const { dossierId, ...fields } = data;
      const updated = await tx.dossier.update({ where: { id: dossierId }, data: fields, select: { id: true, reference: true } });
      await recordAudit({ ...who, action: "dossier.updated", targetType: "dossier", targetId: dossierId, details: fields }, tx);
      return updated;
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw new AppError("CONFLICT", `Un dossier existe déjà avec la référence ${data.reference}.`, [
        { path: "reference", message: "référence déjà utilisée" },
      ]);
    throw e;
  }
}
