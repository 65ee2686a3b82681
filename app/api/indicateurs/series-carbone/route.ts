import { jsonError } from "@/lib/platform/http/json-error";
import { route } from "@/lib/auth/route";
import { importCarbonSeries } from "@/lib/carbon/import-carbon-series";
import { listCarbonSeries } from "@/lib/indicators/list-carbon-series";
import { carbonFormats } from "@/lib/schemas/reference-data";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const MAX_BYTES = 50 * 1024 * 1024;

// GET: the imported carbon series (comité and admin). POST multipart {fichier, format?, nom?}:
// imports a new version (admin); a refused file answers 400 with every error by line and column
// (`erreurs` of the portal's JSON error body).
export const GET = route("indicators:read", async () =>
  Response.json({ series: await listCarbonSeries() }, { headers: { "cache-control": "private, no-store" } }),
);

export const POST = route("indicators:compute", async ({ request, user }) => {
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BYTES) return jsonError(413, "Fichier trop volumineux (50 Mo au plus).");
  const form = await request.formData().catch(() => null);
  const file = form?.get("fichier");
  if (!(file instanceof File) || file.size === 0) return jsonError(400, "Choisissez un fichier CSV (RTE eCO2mix ou Electricity Maps).", "fichier");
  const format = String(form?.get("format") ?? "");
  const name = String(form?.get("nom") ?? "").trim();
  const result = await importCarbonSeries({
    content: Buffer.from(await file.arrayBuffer()),
    format: (carbonFormats as readonly string[]).includes(format) ? (format as (typeof carbonFormats)[number]) : undefined,
    name: name || undefined,
    actor: user.email,
    actorUserId: user.id,
  });
  return Response.json(
    {
      id: result.id,
      name: result.name,
      version: result.version,
      format: result.format,
      rowCount: result.rowCount,
      hourCount: result.hourCount,
      gapHours: result.gapHours,
      coversFrom: result.coversFrom,
      coversTo: result.coversTo,
    },
    { status: 201 },
  );
});
