import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { carbonSeriesSummarySchema, type CarbonSeriesSummary } from "@/lib/schemas/reference-data";

/** Every imported carbon-intensity series version (without its points), newest first. */
export async function listCarbonSeries(options: { prisma?: PrismaClient } = {}): Promise<CarbonSeriesSummary[]> {
  const prisma = options.prisma ?? (await db());
  const rows = await prisma.carbonSeries.findMany({
    orderBy: [{ importedAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      name: true,
      version: true,
      source: true,
      licence: true,
      attribution: true,
      format: true,
      coversFrom: true,
      coversTo: true,
      hourCount: true,
      gaps: true,
      importedAt: true,
      importedBy: true,
    },
  });
  // Parse what is returned: the stored gaps JSON gets its declared shape, and no other field leaks.
  return rows.map((r) => carbonSeriesSummarySchema.parse({ ...r, gaps: Array.isArray(r.gaps) ? r.gaps : [] }));
}
