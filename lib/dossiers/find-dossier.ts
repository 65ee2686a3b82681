import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { AppError } from "@/lib/platform/errors";
import { parseInput } from "@/lib/schemas/validation";
import { dossierReferenceSchema } from "@/lib/schemas/dossiers";
import { z } from "zod";
import { dossierSelect } from "@/lib/dossiers/create-dossier";

/** A dossier by its ADVENIR reference (what people and the CLI know it by). */
export async function findDossier(input: { reference: string }, options: { prisma?: PrismaClient } = {}) {
  const { reference } = parseInput(z.object({ reference: dossierReferenceSchema }), input);
  const prisma = options.prisma ?? (await db());
  const dossier = await prisma.dossier.findUnique({ where: { reference }, select: dossierSelect });
  if (!dossier) throw new AppError("NOT_FOUND", `Dossier introuvable : ${reference}.`, [{ path: "reference", message: "dossier introuvable" }]);
  return dossier;
}
