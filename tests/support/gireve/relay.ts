import type { DataEnv } from "@/generated/prisma/enums";
import { createRelayAccount } from "@/lib/gireve-relay/create-relay-account";
import { makeQualichargeTenant } from "@/tests/support/qualicharge/tenant";
import { makeQualichargePoints, type MadePoint } from "@/tests/support/qualicharge/points";

// A GIREVE dossier as the relay reports on it: an operator holding an operational unit (its eMI3
// operator id), a signed dossier collected through GIREVE with declared points, and a relay
// account to send with.

export interface GireveSetup {
  operatorId: string;
  /** The unit's code (IRVE form, FRXXX) and its eMI3 spelling (FR*XXX). */
  unit: string;
  emi3OperatorId: string;
  points: (MadePoint & { evseId: string })[];
  relay: { id: string; username: string; secret: string; auth: string };
}

/** The eMI3 spelling of an IRVE point id: FRXXXE123 → FR*XXX*E123. */
export function emi3EvseId(idPdcItinerance: string): string {
  return `${idPdcItinerance.slice(0, 2)}*${idPdcItinerance.slice(2, 5)}*${idPdcItinerance.slice(5)}`;
}

export const basicAuth = (username: string, secret: string) => `Basic ${Buffer.from(`${username}:${secret}`).toString("base64")}`;

export async function makeRelayAccount(env: DataEnv = "production"): Promise<GireveSetup["relay"]> {
  const account = await createRelayAccount({ env }, { actor: "test" });
  return { id: account.id, username: account.username, secret: account.secret, auth: basicAuth(account.username, account.secret) };
}

export async function makeGireveSetup(options: { points?: number; powerKw?: number; env?: DataEnv; inseeCode?: string } = {}): Promise<GireveSetup> {
  const tenant = await makeQualichargeTenant();
  const unit = tenant.units[0];
  const points = await makeQualichargePoints(tenant, {
    dossier: true,
    channel: "GIREVE",
    stations: 1,
    perStation: options.points ?? 2,
    powerKw: options.powerKw,
    inseeCode: options.inseeCode,
  });
  return {
    operatorId: tenant.operatorId,
    unit,
    emi3OperatorId: `${unit.slice(0, 2)}*${unit.slice(2)}`,
    points: points.map((p) => ({ ...p, evseId: emi3EvseId(p.idPdcItinerance) })),
    relay: await makeRelayAccount(options.env),
  };
}

export interface EmipResult {
  status: number;
  headers: Headers;
  text: string;
  /** The answer's requestStatus, or null (a Fault). */
  requestStatus: number | null;
}

/** Posts one envelope to the door. */
export async function postEnvelope(base: string, xml: string, options: { auth?: string; headers?: Record<string, string> } = {}): Promise<EmipResult> {
  const r = await fetch(`${base}/api/gireve/emip`, {
    method: "POST",
    headers: { "Content-Type": "application/soap+xml; charset=utf-8", ...(options.auth ? { Authorization: options.auth } : {}), ...options.headers },
    body: xml,
  });
  const text = await r.text();
  const code = /<requestStatus>(\d+)<\/requestStatus>/.exec(text)?.[1];
  return { status: r.status, headers: r.headers, text, requestStatus: code ? Number(code) : null };
}
