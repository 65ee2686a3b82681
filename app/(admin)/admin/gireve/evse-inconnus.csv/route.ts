import { exportUnknownEvses } from "@/lib/gireve-relay/list-unknown-evses";
import { formatUnknownEvsesCsv } from "@/lib/gireve-relay/format-unknown-evses-csv";
import { csvFileName, csvFormatOf, csvHeaders } from "@/lib/platform/csv/format-csv";
import { route } from "@/lib/auth/route";

export const dynamic = "force-dynamic";

/** The EVSEs the GIREVE relay named that no dossier declares, as CSV: French Excel by default, `format=standard` for , and . */
export const GET = route("gireve:manage", async ({ request }) => {
  const format = csvFormatOf(new URL(request.url).searchParams.get("format"));
  const { items, total } = await exportUnknownEvses();
  return new Response(formatUnknownEvsesCsv(items, total, format), { headers: csvHeaders(csvFileName(["gireve-evse-inconnus", format])) });
});
