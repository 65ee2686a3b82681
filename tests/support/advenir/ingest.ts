import { randomBytes, randomInt } from "node:crypto";
import { gzipSync } from "node:zlib";
import type { DataEnv } from "@/generated/prisma/enums";
import { db } from "@/lib/platform/db/database";
import { hashSecret } from "@/lib/auth/password";
import { CLIENT_IP_HEADER } from "@/lib/platform/server/trusted-headers";
import { POST as postCourbe, PUT as putCourbe } from "@/app/api/courbe/put/route";
import { POST as postOperation, PUT as putOperation } from "@/app/api/operation/put/route";

// Test data for the ingestion tests, created directly with Prisma, with unique ids per call so
// tests can share one PostgreSQL database.

export function suffix(): string {
  return randomBytes(4).toString("hex");
}

export interface Tenant {
  operatorId: string;
  credentialId: string;
  username: string;
  secret: string;
  auth: string;
  /** station code → station id */
  stations: Record<string, string>;
}

export async function makeTenant(
  options: {
    stations?: string[];
    unsignedStations?: string[];
    env?: DataEnv;
    nominalPowerKw?: number;
    pointCount?: number;
    certFingerprint?: string;
    secret?: string;
  } = {},
): Promise<Tenant> {
  const prisma = await db();
  const s = suffix();
  const operator = await prisma.operator.create({
    data: { name: `Opérateur ingestion ${s}`, siren: String(randomInt(100_000_000, 1_000_000_000)) },
    select: { id: true },
  });
  const secret = options.secret ?? `secret:${suffix()}:${suffix()}`;
  const username = `ingest-${s}@test.advenir.fr`;
  const credential = await prisma.apiCredential.create({
    data: {
      operatorId: operator.id,
      env: options.env ?? "production",
      username,
      secretHash: await hashSecret(secret),
      certFingerprint: options.certFingerprint ?? null,
    },
    select: { id: true },
  });
  const beneficiary = await prisma.beneficiary.create({ data: { name: `Bénéficiaire ${s}` }, select: { id: true } });
  const stations: Record<string, string> = {};
  const addDossier = async (codes: string[], signed: boolean) => {
    if (codes.length === 0) return;
    const dossier = await prisma.dossier.create({
      data: {
        reference: `ADV-INGEST-${suffix().toUpperCase()}`,
        beneficiaryId: beneficiary.id,
        operatorId: operator.id,
        siteName: "Parking test",
        address: "1 rue de Rivoli, 75001 Paris",
        inseeCode: "75101",
        siteType: "residentiel_collectif",
        channel: "ADVENIR",
        attestation: {
          create: {
            textVersion: "test",
            textSha256: "0".repeat(64),
            consent: signed,
            signedAt: signed ? new Date() : null,
            signerName: signed ? "Jeanne Test" : null,
          },
        },
      },
      select: { id: true },
    });
    for (const code of codes) {
      const station = await prisma.station.create({
        data: {
          dossierId: dossier.id,
          operatorId: operator.id,
          stationCode: code,
          channel: "ADVENIR",
          pointCount: options.pointCount ?? 1,
          nominalPowerKw: options.nominalPowerKw ?? 22,
          inseeCode: "75101",
        },
        select: { id: true },
      });
      stations[code] = station.id;
    }
  };
  await addDossier(options.stations ?? ["R320", "1234"], true);
  await addDossier(options.unsignedStations ?? [], false);
  return {
    operatorId: operator.id,
    credentialId: credential.id,
    username,
    secret,
    auth: basic(username, secret),
    stations,
  };
}

export function basic(username: string, secret: string): string {
  return `Basic ${Buffer.from(`${username}:${secret}`, "utf8").toString("base64")}`;
}

export interface CallOptions {
  method?: "POST" | "PUT";
  auth?: string | null;
  headers?: Record<string, string>;
  gzip?: boolean;
  ip?: string;
  /** Bytes sent as they are instead of the JSON body. */
  rawBytes?: Uint8Array;
}

export interface CallResult {
  status: number;
  json: Record<string, unknown> & { statut: string; erreurs?: { chemin: string; message: string }[]; avertissements?: { chemin: string; message: string }[] };
  headers: Headers;
}

/** Calls a route handler directly, as the custom server would (client address header set). */
export async function call(endpoint: "courbe" | "operation", body: unknown, options: CallOptions = {}): Promise<CallResult> {
  const method = options.method ?? "POST";
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const headers: Record<string, string> = { [CLIENT_IP_HEADER]: options.ip ?? "192.0.2.10", ...options.headers };
  if (options.auth) headers.authorization = options.auth;
  let payload: BodyInit = text;
  if (options.rawBytes) payload = new Uint8Array(options.rawBytes);
  else if (options.gzip) {
    payload = new Uint8Array(gzipSync(Buffer.from(text)));
    headers["content-encoding"] = "gzip";
  }
  const handler = endpoint === "courbe" ? (method === "POST" ? postCourbe : putCourbe) : method === "POST" ? postOperation : putOperation;
  const response = await handler(new Request(`http://localhost/api/${endpoint}/put`, { method, headers, body: payload }));
  return { status: response.status, json: await response.json(), headers: response.headers };
}

/** Rows stored for an operator (both environments unless one is given). */
export async function countRows(operatorId: string, env?: DataEnv): Promise<{ operations: number; curves: number }> {
  const prisma = await db();
  const where = env ? { operatorId, env } : { operatorId };
  return { operations: await prisma.chargeOperation.count({ where }), curves: await prisma.loadCurve.count({ where }) };
}

/** A valid operation at `start` (UNIX seconds) lasting `seconds` and delivering `wh`. */
export function operation(start: number, seconds = 3600, wh = 5000, from = 1000) {
  return { StartTransaction: start, StopTransaction: start + seconds, StartValue: from, StopValue: from + wh };
}

/** A valid curve of `n` points every 10 minutes from `start`, 1 kWh per interval. */
export function curve(start: number, n = 4, step = 600, whPerStep = 1000) {
  return Array.from({ length: n }, (_, i) => ({ timestamp: start + i * step, value: 10_000 + i * whPerStep }));
}

export { glitchedCurve, interleavedCurve, monthlyCurvesBody, ocppCurve } from "@/tests/support/advenir/curves";
