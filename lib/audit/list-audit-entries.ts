import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { parisMidnight, parisNextMidnight } from "@/lib/platform/time/paris-time";
import type { AuditFilters } from "@/lib/schemas/audit-filters";
import { actionLabel, AUDIT_ACTION_LABELS, AUDIT_TARGET_LABELS } from "@/lib/audit/audit-labels";

export const AUDIT_PAGE_SIZE = 50;
/** Rows in one CSV export at most (the export says when it stops there). */
export const AUDIT_EXPORT_MAX = 50_000;

export interface AuditRow {
  id: string;
  at: Date;
  /** Who acted, readable: the account's name and e-mail, or the label (cli, planificateur…). */
  actor: string;
  action: string;
  actionLabel: string;
  targetType: string;
  targetTypeLabel: string;
  targetId: string;
  /** What was acted on, readable: a dossier reference, an account's name, a StationID… */
  target: string;
  details: string;
}

async function whereOf(prisma: PrismaClient, f: AuditFilters): Promise<Prisma.AuditLogWhereInput> {
  const and: Prisma.AuditLogWhereInput[] = [];
  if (f.auteur) {
    const users = await prisma.user.findMany({
      where: { OR: [{ name: { contains: f.auteur, mode: "insensitive" } }, { email: { contains: f.auteur, mode: "insensitive" } }] },
      select: { id: true },
      take: 1000,
    });
    and.push({ OR: [{ actor: { contains: f.auteur, mode: "insensitive" } }, { actorUserId: { in: users.map((u) => u.id) } }] });
  }
  if (f.action) and.push({ action: f.action });
  if (f.du) and.push({ at: { gte: parisMidnight(f.du) } });
  if (f.au) and.push({ at: { lt: parisNextMidnight(f.au) } });
  return and.length ? { AND: and } : {};
}

function detailsText(details: unknown): string {
  if (!details || typeof details !== "object") return "";
  return Object.entries(details as Record<string, unknown>)
    .filter(([, v]) => v !== null && v !== undefined && v !== "")
    .map(([k, v]) => `${k} : ${typeof v === "object" ? JSON.stringify(v) : String(v)}`)
    .join(" ; ");
}

const isUuid = (v: string) => /^[0-9a-f-]{36}$/i.test(v);

/** Readable names of the rows' actors and targets, one query per kind of object. */
async function names(prisma: PrismaClient, rows: { actorUserId: string | null; targetType: string; targetId: string }[]) {
  const ids = (type: string) => [...new Set(rows.filter((r) => r.targetType === type && isUuid(r.targetId)).map((r) => r.targetId))];
  const userIds = [...new Set([...rows.map((r) => r.actorUserId).filter((x): x is string => Boolean(x)), ...ids("user")])];
  const [users, dossiers, operators, beneficiaries, credentials, stations, points, series] = await Promise.all([
    prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } }),
    prisma.dossier.findMany({ where: { id: { in: ids("dossier") } }, select: { id: true, reference: true } }),
    prisma.operator.findMany({ where: { id: { in: ids("operator") } }, select: { id: true, name: true } }),
    prisma.beneficiary.findMany({ where: { id: { in: ids("beneficiary") } }, select: { id: true, name: true } }),
    prisma.apiCredential.findMany({ where: { id: { in: ids("api_credential") } }, select: { id: true, username: true } }),
    prisma.station.findMany({ where: { id: { in: ids("station") } }, select: { id: true, stationCode: true } }),
    prisma.chargePoint.findMany({ where: { id: { in: ids("charge_point") } }, select: { id: true, idPdcItinerance: true, pointCode: true } }),
    prisma.carbonSeries.findMany({
      where: { id: { in: rows.filter((r) => r.targetType === "carbon_series" && /^\d+$/.test(r.targetId)).map((r) => Number(r.targetId)) } },
      select: { id: true, name: true, version: true },
    }),
  ]);
  const user = new Map(users.map((u) => [u.id, `${u.name} (${u.email})`]));
  const target = new Map<string, string>([
    ...users.map((u) => [`user:${u.id}`, `${u.name} (${u.email})`] as const),
    ...dossiers.map((d) => [`dossier:${d.id}`, d.reference] as const),
    ...operators.map((o) => [`operator:${o.id}`, o.name] as const),
    ...beneficiaries.map((b) => [`beneficiary:${b.id}`, b.name] as const),
    ...credentials.map((c) => [`api_credential:${c.id}`, c.username] as const),
    ...stations.map((s) => [`station:${s.id}`, s.stationCode] as const),
    ...points.map((p) => [`charge_point:${p.id}`, p.idPdcItinerance ?? p.pointCode] as const),
    ...series.map((s) => [`carbon_series:${s.id}`, `${s.name} v${s.version}`] as const),
  ]);
  return { user, target };
}

async function rowsOf(prisma: PrismaClient, where: Prisma.AuditLogWhereInput, skip: number, take: number): Promise<AuditRow[]> {
  const rows = await prisma.auditLog.findMany({
    where,
    orderBy: { id: "desc" },
    skip,
    take,
    select: { id: true, at: true, actor: true, actorUserId: true, action: true, targetType: true, targetId: true, details: true },
  });
  const n = await names(prisma, rows);
  return rows.map((r) => ({
    id: r.id.toString(),
    at: r.at,
    actor: (r.actorUserId && n.user.get(r.actorUserId)) || r.actor,
    action: r.action,
    actionLabel: actionLabel(r.action),
    targetType: r.targetType,
    targetTypeLabel: AUDIT_TARGET_LABELS[r.targetType] ?? r.targetType,
    targetId: r.targetId,
    // An unknown id (a failed login's e-mail, a deleted object) is shown as recorded.
    target: n.target.get(`${r.targetType}:${r.targetId}`) ?? (r.targetType === "programme" ? "Programme ADVENIR" : r.targetId),
    details: detailsText(r.details),
  }));
}

/** One page of the audit log, newest first, with names instead of identifiers. */
export async function listAuditEntries(filters: AuditFilters, options: { prisma?: PrismaClient; pageSize?: number } = {}) {
  const prisma = options.prisma ?? (await db());
  const pageSize = options.pageSize ?? AUDIT_PAGE_SIZE;
  const where = await whereOf(prisma, filters);
  const total = await prisma.auditLog.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(filters.page, pageCount);
  return { items: await rowsOf(prisma, where, (page - 1) * pageSize, pageSize), total, page, pageCount, pageSize };
}

/** Every matching row for the CSV export (newest first), up to AUDIT_EXPORT_MAX. */
export async function exportAuditEntries(filters: AuditFilters, options: { prisma?: PrismaClient } = {}) {
  const prisma = options.prisma ?? (await db());
  const where = await whereOf(prisma, filters);
  const total = await prisma.auditLog.count({ where });
  return { total, items: await rowsOf(prisma, where, 0, AUDIT_EXPORT_MAX) };
}

/** The actions the filter offers: those recorded at least once, with their French names. */
export async function listAuditActions(options: { prisma?: PrismaClient } = {}) {
  const prisma = options.prisma ?? (await db());
  const recorded = await prisma.auditLog.groupBy({ by: ["action"], orderBy: { action: "asc" } });
  return recorded
    .map((r) => ({ code: r.action, label: actionLabel(r.action) }))
    .sort((a, b) => (a.code in AUDIT_ACTION_LABELS ? 0 : 1) - (b.code in AUDIT_ACTION_LABELS ? 0 : 1) || a.label.localeCompare(b.label, "fr"));
}
