import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { recordAudit } from "@/lib/audit/record-audit";
import { exportAuditEntries, listAuditEntries, listAuditActions } from "@/lib/audit/list-audit-entries";
import { auditFiltersSchema } from "@/lib/schemas/audit-filters";
import { formatAuditCsv } from "@/lib/audit/format-audit-csv";
import { makeDossier, makeUser, uniqueSuffix } from "@/cli/demo/factories";

const filters = (q: Record<string, string>) => auditFiltersSchema.parse(q);

describe("audit log for the admin", () => {
  it("shows names instead of identifiers, filters by actor, action and Paris days, and paginates", async () => {
    const admin = await makeUser({ role: "admin", name: `Alice Audit ${uniqueSuffix()}` });
    const dossier = await makeDossier({ reference: `ADV-AUDIT-${uniqueSuffix().toUpperCase()}` });
    const tag = uniqueSuffix();
    const prisma = await db();
    // Three entries by this admin: 28 March 23:30 Paris (22:30 UTC), 29 March 00:30 Paris (23:30 UTC on the 28th), 30 March.
    for (const [at, action] of [
      ["2026-03-28T22:30:00Z", "dossier.updated"],
      ["2026-03-28T23:30:00Z", "dossier.updated"],
      ["2026-03-30T10:00:00Z", `test.${tag}`],
    ] as const) {
      await recordAudit({ actor: admin.email, actorUserId: admin.id, action, targetType: "dossier", targetId: dossier.id, details: { note: tag } });
      await prisma.auditLog.updateMany({ where: { actorUserId: admin.id, action, at: { gt: new Date("2026-06-01") } }, data: { at: new Date(at) } });
    }
    const mine = await listAuditEntries(filters({ auteur: admin.name.slice(0, 16) + admin.name.slice(16) }));
    expect(mine.total).toBe(3);
    expect(mine.items[0]).toMatchObject({
      actor: `${admin.name} (${admin.email})`,
      target: dossier.reference,
      targetTypeLabel: "Dossier",
      details: `note : ${tag}`,
    });
    expect(mine.items.every((r) => !r.actor.match(/^[0-9a-f-]{36}$/) && r.target === dossier.reference)).toBe(true);

    // 29 March (Paris): only the entry at 00:30 Paris, not the one at 23:30 Paris the day before.
    const day = await listAuditEntries(filters({ auteur: admin.email, du: "2026-03-29", au: "2026-03-29" }));
    expect(day.items.map((r) => r.at.toISOString())).toEqual(["2026-03-28T23:30:00.000Z"]);
    expect((await listAuditEntries(filters({ auteur: admin.email, action: `test.${tag}` }))).items.map((r) => r.actionLabel)).toEqual([`test.${tag}`]);

    const page2 = await listAuditEntries(filters({ auteur: admin.email, page: "2" }), { pageSize: 2 });
    expect([page2.page, page2.pageCount, page2.items.length]).toEqual([2, 2, 1]);
    expect(await listAuditActions()).toEqual(expect.arrayContaining([{ code: "dossier.updated", label: "Dossier modifié" }]));
  });

  it("exports the filtered entries in the French Excel format, and the standard one", async () => {
    const admin = await makeUser({ role: "admin" });
    await recordAudit({
      actor: admin.email,
      actorUserId: admin.id,
      action: "user.disabled",
      targetType: "user",
      targetId: admin.id,
      details: { email: admin.email },
    });
    const f = filters({ auteur: admin.email });
    const { items, total } = await exportAuditEntries(f);
    const excel = formatAuditCsv(items, f, total, "excel-fr");
    const lines = excel.replace(/^\uFEFF/, "").split("\r\n");
    expect(excel.startsWith("\uFEFF")).toBe(true);
    expect(lines[0]).toBe(`Journal d'audit du portail ADVENIR — filtres : auteur contenant « ${admin.email} » — 1 entrée(s)`);
    expect(lines[1]).toBe("Date;Auteur;Action;Code de l'action;Type d'objet;Objet;Identifiant de l'objet;Détails");
    expect(lines[2]).toMatch(
      new RegExp(
        `^\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}:\\d{2};${admin.name} \\(${admin.email}\\);Compte désactivé;user.disabled;Compte;${admin.name} \\(${admin.email}\\);${admin.id};email : ${admin.email}$`,
      ),
    );
    const standard = formatAuditCsv(items, f, total, "standard").split("\r\n");
    expect(standard[1]).toBe("Date,Auteur,Action,Code de l'action,Type d'objet,Objet,Identifiant de l'objet,Détails");
    expect(standard[2]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z,/);
  });

  it("refuses bad filters in French", () => {
    const r = auditFiltersSchema.safeParse({ du: "2026-02-30", au: "2026-01-01" });
    expect(r.success ? [] : r.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([["du", "Du : date invalide (jj/mm/aaaa)"]]);
    const order = auditFiltersSchema.safeParse({ du: "2026-02-01", au: "2026-01-01" });
    expect(order.success ? [] : order.error.issues.map((i) => i.message)).toEqual(["Au : la date de fin vient avant la date de début"]);
  });
});
