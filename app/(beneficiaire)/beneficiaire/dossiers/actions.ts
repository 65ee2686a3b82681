"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { requirePermission } from "@/lib/auth/session";
import { createDossier } from "@/lib/dossiers/create-dossier";
import { updateDossier } from "@/lib/dossiers/update-dossier";
import { signAttestation } from "@/lib/attestations/sign-attestation";
import { registerStations } from "@/lib/stations/register-stations";
import { actionError, formValues } from "@/lib/platform/http/action-state";
import type { ActionState } from "@/lib/platform/http/action-state-shared";
import { requestContext } from "@/lib/platform/http/request-context";
import { getDossierView, type Viewer } from "@/lib/dossiers/get-dossier-view";
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

// Server actions of the beneficiary's dossier pages. Each checks the permission again and
// scopes the dossier to the signed-in beneficiary (lib/dossiers decides).

export async function createDossierAction(_: ActionState, form: FormData): Promise<ActionState> {
  const user = await requirePermission("dossiers:manage-own");
  const values = formValues(form);
  let id: string;
  try {
    if (!user.beneficiaryId) throw new AppError("FORBIDDEN", "Votre compte n'est rattaché à aucun bénéficiaire.");
    const dossier = await createDossier({ ...dossierFields(values), beneficiaryId: user.beneficiaryId, actor: user.email, actorUserId: user.id });
    id = dossier.id;
  } catch (e) {
    return actionError(e, values);
  }
  redirect(`/beneficiaire/dossiers/${id}`);
}

export async function updateDossierAction(dossierId: string, _: ActionState, form: FormData): Promise<ActionState> {
  const user = await requirePermission("dossiers:manage-own");
  const values = formValues(form);
  try {
    await updateDossier({ ...dossierFields(values), dossierId, viewer: user, actor: user.email, actorUserId: user.id });
  } catch (e) {
    return actionError(e, values);
  }
  redirect(`/beneficiaire/dossiers/${dossierId}`);
}

export async function signAttestationAction(dossierId: string, _: ActionState, form: FormData): Promise<ActionState> {
  const user = await requirePermission("attestations:sign-own");
  const values = formValues(form);
  const { ip, userAgent } = await requestContext();
  try {
    await assertOwnDossier(dossierId, user);
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
  } catch (e) {
    return actionError(e, values);
  }
  redirect(`/beneficiaire/dossiers/${dossierId}/attestation/recu`);
}

export async function registerStationAction(dossierId: string, _: ActionState, form: FormData): Promise<ActionState> {
  const user = await requirePermission("dossiers:manage-own");
  const values = formValues(form);
  try {
    await assertOwnDossier(dossierId, user);
    const station = {
      stationCode: values.stationCode ?? "",
      pointCount: typedNumber(values.pointCount),
      nominalPowerKw: typedNumber(values.nominalPowerKw),
    };
    await registerStations({ dossierId, stations: [station], actor: user.email, actorUserId: user.id });
  } catch (e) {
    const state = actionError(e, values);
    // Field paths of a one-station list ("stations.0.pointCount") → the form's names.
    state.fieldErrors = Object.fromEntries(Object.entries(state.fieldErrors ?? {}).map(([k, m]) => [k.replace(/^stations(\.0)?\./, "").replace(/^stations$/, "stationCode"), m]));
    return state;
  }
  revalidatePath(`/beneficiaire/dossiers/${dossierId}`);
  return { ok: true, message: `Station ${values.stationCode} enregistrée.` };
}

async function assertOwnDossier(dossierId: string, viewer: Viewer) {
  if (!(await getDossierView({ dossierId, viewer }))) throw new AppError("NOT_FOUND", "Dossier introuvable.");
}

export async function declareIrvePointAction(dossierId: string, _: ActionState, form: FormData): Promise<ActionState> {
  const user = await requirePermission("dossiers:manage-own");
  const values = formValues(form);
  try {
    await assertOwnDossier(dossierId, user);
    const row = await validateIrvePoint(values);
    await declareChargePoints({ dossierId, rows: [row], actor: user.email, actorUserId: user.id });
  } catch (e) {
    return actionError(e, values);
  }
  revalidatePath(`/beneficiaire/dossiers/${dossierId}`);
  return { ok: true, message: `Point de charge ${values.id_pdc_itinerance} déclaré.` };
}

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

export async function correctStationAction(dossierId: string, stationId: string, _: ActionState, form: FormData): Promise<ActionState> {
  const user = await requirePermission("dossiers:manage-own");
  const values = formValues(form);
  try {
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
  } catch (e) {
    return actionError(e, values);
  }
}

export async function withdrawStationAction(dossierId: string, stationId: string, _: ActionState, form: FormData): Promise<ActionState> {
  const user = await requirePermission("dossiers:manage-own");
  const values = formValues(form);
  try {
    const r = await withdrawStation({
      stationId, effectiveOn: values.effectiveOn ?? "", confirm: (values.confirm === "on") as true, viewer: user, actor: user.email, actorUserId: user.id,
    });
    revalidatePath(`/beneficiaire/dossiers/${dossierId}`, "layout");
    return { ok: true, message: changeDone(r.deadline, `Station ${r.stationCode} retirée.`) };
  } catch (e) {
    return actionError(e, values);
  }
}

export async function correctIrvePointAction(dossierId: string, pointId: string, _: ActionState, form: FormData): Promise<ActionState> {
  const user = await requirePermission("dossiers:manage-own");
  const values = formValues(form);
  try {
    await correctChargePoint({ chargePointId: pointId, values, viewer: user, actor: user.email, actorUserId: user.id });
    revalidatePath(`/beneficiaire/dossiers/${dossierId}`, "layout");
    return { ok: true, message: `Point de charge ${values.id_pdc_itinerance ?? ""} corrigé : le délai de 10 jours ouvrés court depuis sa date de mise à jour.`, values };
  } catch (e) {
    return actionError(e, values);
  }
}

export async function withdrawIrvePointAction(dossierId: string, pointId: string, _: ActionState, form: FormData): Promise<ActionState> {
  const user = await requirePermission("dossiers:manage-own");
  const values = formValues(form);
  try {
    const r = await withdrawChargePoint({
      chargePointId: pointId, effectiveOn: values.effectiveOn ?? "", confirm: (values.confirm === "on") as true, viewer: user, actor: user.email, actorUserId: user.id,
    });
    revalidatePath(`/beneficiaire/dossiers/${dossierId}`, "layout");
    return { ok: true, message: changeDone(r.deadline, `Point de charge ${r.idPdcItinerance} retiré${r.stationWithdrawn ? ", et sa station avec lui (plus aucun point en service)" : ""}.`) };
  } catch (e) {
    return actionError(e, values);
  }
}
