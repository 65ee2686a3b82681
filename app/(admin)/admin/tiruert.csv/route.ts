import { z } from "zod";
import { route } from "@/lib/auth/route";
import { csvFileName, csvFormatOf, csvHeaders } from "@/lib/platform/csv/format-csv";
import { listAllStatements } from "@/lib/tiruert/list-all-statements";
import { formatStatementPointsCsv } from "@/lib/tiruert/format-statement-csv";
import { parseInput } from "@/lib/schemas/validation";

export const dynamic = "force-dynamic";

const query = z.object({
  annee: z.coerce.number({ error: "année attendue" }).int("année entière attendue").min(2020, "année à partir de 2020").max(2100, "année jusqu'à 2100"),
});

/** Every filed version's points for a year, as CSV: French Excel by default, `format=standard`. */
export const GET = route("tiruert:read-all", async ({ request }) => {
  const url = new URL(request.url);
  const { annee } = parseInput(query, { annee: url.searchParams.get("annee") ?? undefined });
  const format = csvFormatOf(url.searchParams.get("format"));
  const rows = await listAllStatements({ year: annee });
  return new Response(formatStatementPointsCsv(rows, { format }), { headers: csvHeaders(csvFileName(["tiruert", String(annee), format])) });
});
