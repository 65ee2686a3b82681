"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { createDossier } from "@/lib/dossiers/create-dossier";
import { updateDossier } from "@/lib/dossiers/update-dossier";
import { signAttestation } from "@/lib/attestations/sign-attestation";
import { registerStations } from "@/lib/stations/register-stations";
import { action } from "@/lib/auth/action";
import type { ActionState } from "@/lib/platform/http/action-state-shared";
import { requestContext } from "@/lib/platform/http/request-context";
import { findOwnDossier } from "@/lib/dossiers/find-own-dossier";
import { AppError } from "@/lib/platform/errors";
import type { SiteType } from "@/lib/schemas/dossiers";
import type { Channel } from "@/generated/prisma/enums";
import { declareChargePoints } from "@/lib/irve/declare-charge-points";
import { validateIrvePoint } from "@/lib/irve/validate-irve-point";
import { correctChargePoint } from "@/lib/irve/correct-charge-point";
import { withdrawChargePoint } from "@/lib/irve/withdraw-charge-point";
import { correctStation } from "@/lib/stations/correct-station";
import { withdrawStation } from "@/lib/stations/withdraw-station";
import { formatDay } from "@/lib/platform/format";

/** The dossier fields of a form; types are checked by the lib's zod schema. */
function dossierFields(values: Record<string, string>) {
  return {
    reference: values.reference ?? "",
    siteName: values.siteName ?? "",
    address: values.address ?? "",
    inseeCode: values.inseeCode ?? "",
    siteType: (values.siteType ?? "") as SiteType,
    operatorId: values.operatorId ?? "",
    channel: (values.channel ?? "") as Channel,
  };
}

// Server actions of the beneficiary's dossier pages. Each checks the permission again (action())
// and scopes the dossier to the signed-in beneficiary (lib/dossiers decides: findOwnDossier).

export const createDossierAction = action("dossiers:manage-own", null, async ({ user, values }): Promise<ActionState> => {
  if (!user.beneficiaryId) throw new AppError("FORBIDDEN", "Votre compte n'est rattaché à aucun bénéficiaire.");
  const dossier = await createDossier({ ...dossierFields(values), beneficiaryId: user.beneficiaryId, actor: user.email, actorUserId: user.id });
  redirect(`/beneficiaire/dossiers/${dossier.id}`);
});

export const updateDossierAction = action("dossiers:manage-own", null, async ({ user, values }, dossierId: string): Promise<ActionState> => {
  await updateDossier({ ...dossierFields(values), dossierId, viewer: user, actor: user.email, actorUserId: user.id });
  redirect(`/beneficiaire/dossiers/${dossierId}`);
});

export const signAttestationAction = action("attestations:sign-own", null, async ({ user, values }, dossierId: string): Promise<ActionState> => {
  const { ip, userAgent } = await requestContext();
  await findOwnDossier({ dossierId, viewer: user });
  await signAttestation({
    dossierId,
    signerName: values.signerName ?? "",
    signerCapacity: values.signerCapacity ?? "",
    consent: (values.consent === "on") as true,
    textVersion: values.textVersion,
    ipAddress: ip,
    userAgent,
    signedByUserId: user.id,
    onBehalf: false,
    actor: user.email,
    actorUserId: user.id,
  });
  redirect(`/beneficiaire/dossiers/${dossierId}/attestation/recu`);
});

export const registerStationAction = action(
  "dossiers:manage-own",
  null,
  async ({ user, values }, dossierId: string): Promise<ActionState> => {
    await findOwnDossier({ dossierId, viewer: user });
    const station = {
      stationCode: values.stationCode ?? "",
      pointCount: typedNumber(values.pointCount),
      nominalPowerKw: typedNumber(values.nominalPowerKw),
    };
    await registerStations({ dossierId, stations: [station], actor: user.email, actorUserId: user.id });
    revalidatePath(`/beneficiaire/dossiers/${dossierId}`);
    return { ok: true, message: `Station ${values.stationCode} enregistrée.` };
  },
  // Field paths of a one-station list ("stations.0.pointCount") → the form's names.
  { fieldName: (path) => path.replace(/^stations(\.0)?\./, "").replace(/^stations$/, "stationCode") },
);

export const declareIrvePointAction = action("dossiers:manage-own", null, async ({ user, values }, dossierId: string): Promise<ActionState> => {
  await findOwnDossier({ dossierId, viewer: user });
  const row = await validateIrvePoint(values);
  await declareChargePoints({ dossierId, rows: [row], actor: user.email, actorUserId: user.id });
  revalidatePath(`/beneficiaire/dossiers/${dossierId}`);
  return { ok: true, message: `Point de charge ${values.id_pdc_itinerance} déclaré.` };
});

/** A number typed in French ("7,4") or not at all (NaN: the schema says it is required). */
function typedNumber(value: string | undefined): number {
  return value?.trim() ? Number(value.trim().replace(",", ".")) : Number.NaN;
}

function changeDone(deadline: { dueOn: string; daysLate: number }, what: string): string {
  const due = formatDay(deadline.dueOn);
  return deadline.daysLate > 0
    ? `${what} Déclaration faite ${deadline.daysLate} jour(s) après l'échéance du ${due} (10 jours ouvrés après le changement).`
    : `${what} Déclaration dans le délai (échéance du ${due}).`;
}

export const correctStationAction = action(
  "dossiers:manage-own",
  null,
  async ({ user, values }, dossierId: string, stationId: string): Promise<ActionState> => {
    const r = await correctStation({
      stationId,
      stationCode: values.stationCode ?? "",
      pointCount: typedNumber(values.pointCount),
      nominalPowerKw: typedNumber(values.nominalPowerKw),
      effectiveOn: values.effectiveOn ?? "",
      viewer: user,
      actor: user.email,
      actorUserId: user.id,
    });
    revalidatePath(`/beneficiaire/dossiers/${dossierId}`, "layout");
    return { ok: true, message: changeDone(r.deadline, `Station ${r.stationCode} corrigée.`) };
  },
);

export const withdrawStationAction = action(
  "dossiers:manage-own",
  null,
  async ({ user, values }, dossierId: string, stationId: string): Promise<ActionState> => {
    const r = await withdrawStation({
      stationId,
      effectiveOn: values.effectiveOn ?? "",
      confirm: (values.confirm === "on") as true,
      viewer: user,
      actor: user.email,
      actorUserId: user.id,
    });
    revalidatePath(`/beneficiaire/dossiers/${dossierId}`, "layout");
    return { ok: true, message: changeDone(r.deadline, `Station ${r.stationCode} retirée.`) };
  },
);

export const correctIrvePointAction = action(
  "dossiers:manage-own",
  null,
  async ({ user, values }, dossierId: string, pointId: string): Promise<ActionState> => {
    await correctChargePoint({ chargePointId: pointId, values, viewer: user, actor: user.email, actorUserId: user.id });
    revalidatePath(`/beneficiaire/dossiers/${dossierId}`, "layout");
    return {
      ok: true,
      message: `Point de charge ${values.id_pdc_itinerance ?? ""} corrigé : le délai de 10 jours ouvrés court depuis sa date de mise à jour.`,
      values,
    };
  },
);

export const withdrawIrvePointAction = action(
  "dossiers:manage-own",
  null,
  async ({ user, values }, dossierId: string, pointId: string): Promise<ActionState> => {
    const r = await withdrawChargePoint({
      chargePointId: pointId,
      effectiveOn: values.effectiveOn ?? "",
      confirm: (values.confirm === "on") as true,
      viewer: user,
      actor: user.email,
      actorUserId: user.id,
    });
    revalidatePath(`/beneficiaire/dossiers/${dossierId}`, "layout");
    const alsoStation = r.stationWithdrawn ? ", et sa station avec lui (plus aucun point en service)" : "";
    return { ok: true, message: changeDone(r.deadline, `Point de charge ${r.idPdcItinerance} retiré${alsoStation}.`) };
  },
);
