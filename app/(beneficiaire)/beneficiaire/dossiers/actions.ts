"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { requirePermission } from "@/lib/auth/session";
import { createDossier } from "@/lib/dossiers/create-dossier";
import { updateDossier } from "@/lib/dossiers/update-dossier";
import { signAttestation } from "@/lib/attestations/sign-attestation";
import { registerStations } from "@/lib/stations/register-stations";
import { actionError, formValues } from "@/lib/http/action-state";
import type { ActionState } from "@/lib/http/action-state-shared";
import { requestContext } from "@/lib/http/request-context";
import { getDossierView, type Viewer } from "@/lib/dossiers/get-dossier-view";
import { AppError } from "@/lib/errors";
import type { SiteType } from "@/lib/schemas/dossiers";
import type { Channel } from "@/generated/prisma/enums";
import { declareChargePoints } from "@/lib/irve/declare-charge-points";
import { validateIrvePoint } from "@/lib/irve/validate-irve-point";

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
      pointCount: values.pointCount ? Number(values.pointCount) : Number.NaN,
      nominalPowerKw: values.nominalPowerKw ? Number(values.nominalPowerKw.replace(",", ".")) : Number.NaN,
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
