import "server-only";
import { db } from "@/lib/platform/db/database";
import type { StatementContent } from "@/lib/tiruert/statement-content";

// The admin's view of every filed statement (individual data: permission tiruert:read-all).

/** Every filed version of a year (all versions: corrections keep their originals), latest first. */
export async function listAllStatements(input: { year: number }) {
  const prisma = await db();
  const rows = await prisma.tiruertStatement.findMany({
    where: { year: input.year },
    orderBy: [{ quarter: "desc" }, { siren: "asc" }, { version: "desc" }],
    select: {
      id: true,
      siren: true,
      year: true,
      quarter: true,
      version: true,
      sha256: true,
      energyWh: true,
      certifiedWh: true,
      filedAt: true,
      filedBy: true,
      content: true,
    },
    take: 5000,
  });
  return rows.map((r) => ({ ...r, energyWh: Number(r.energyWh), certifiedWh: Number(r.certifiedWh), content: r.content as unknown as StatementContent }));
}
