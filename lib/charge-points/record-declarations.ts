import { createHash } from "node:crypto";
import type { Prisma } from "@/generated/prisma/client";
import type { Door } from "@/generated/prisma/enums";
import { frenchPhone } from "@/lib/schemas/qualicharge-statique";

// Every declaration of a point's static data, by whichever door (ADR 0019): who declared what,
// and when. The data is the point's IRVE record as text (charge_point.irve), so that two doors'
// declarations compare field by field. A source resending what it last declared adds nothing:
// retries leave the same state.

export interface Declaration {
  chargePointId: string;
  data: Record<string, string>;
}

/** JSON with keys sorted at every level: one text (and one hash) per content. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(value ?? null);
}

/**
 * What two declarations compare on: each field trimmed, and the phone in one written form (a
 * dossier's IRVE file says "01 84 71 00 62" where QualiCharge's API answers
 * "tel:+33-1-84-71-00-62": the same number, not a conflict).
 */
export function comparableDeclaration(data: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, value] of Object.entries(data)) {
    const v = typeof value === "string" ? value.trim() : value;
    out[field] = field === "telephone_operateur" && typeof v === "string" ? (frenchPhone(v) ?? v) : v;
  }
  return out;
}

/** The hash of a declaration's comparable form: equal for two sources that agree. */
export function declarationSha256(data: Record<string, string>): string {
  return createHash("sha256")
    .update(canonicalJson(comparableDeclaration(data)), "utf8")
    .digest("hex");
}

/** Records the declarations of one source, in the caller's transaction; returns how many were new. */
export async function recordDeclarations(
  tx: Prisma.TransactionClient,
  input: { door: Door; source: string; apiUserId?: string | null; dossierId?: string | null; declarations: Declaration[]; now: Date },
): Promise<number> {
  if (input.declarations.length === 0) return 0;
  const d = input.declarations;
  return tx.$executeRaw`
    INSERT INTO charge_point_declaration (charge_point_id, door, source, api_user_id, dossier_id, declared_at, data, data_sha256)
    SELECT i.point, ${input.door}::"Door", ${input.source}, ${input.apiUserId ?? null}::uuid, ${input.dossierId ?? null}::uuid, ${input.now}, i.data::jsonb, i.sha
    FROM unnest(${d.map((x) => x.chargePointId)}::uuid[], ${d.map((x) => canonicalJson(x.data))}::text[], ${d.map((x) => declarationSha256(x.data))}::text[]) AS i(point, data, sha)
    WHERE i.sha IS DISTINCT FROM (
      SELECT l.data_sha256 FROM charge_point_declaration l WHERE l.charge_point_id = i.point AND l.source = ${input.source}
      ORDER BY l.declared_at DESC, l.id DESC LIMIT 1)`;
}
