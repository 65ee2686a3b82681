import { listLateStations } from "@/lib/monthly-sending/list-sending-statuses";
import { formatLateStationsCsv } from "@/lib/monthly-sending/format-late-stations-csv";
import { csvFileName, csvFormatOf, csvHeaders } from "@/lib/platform/csv/format-csv";
import { getEnv } from "@/lib/platform/env";
import { parisDay } from "@/lib/platform/time/paris-time";
import { route } from "@/lib/auth/route";

export const dynamic = "force-dynamic";

/** Every operator's stations late under the monthly-sending rule, as CSV: French Excel by default, `format=standard` for , and ISO dates. */
export const GET = route("monthly-sending:read-late", async ({ request }) => {
  const format = csvFormatOf(new URL(request.url).searchParams.get("format"));
  const now = new Date();
  const months = getEnv().MONTHLY_SENDING_MAX_SILENCE_MONTHS;
  const rows = await listLateStations({ scope: { all: true }, now, months });
  const day = parisDay(now);
  return new Response(formatLateStationsCsv(rows, { format, months, day }), { headers: csvHeaders(csvFileName(["envois-en-retard", day, format])) });
});
