import { jsonError } from "@/lib/platform/http/json-error";
import { route } from "@/lib/auth/route";
import { listSubmissions } from "@/lib/operator-console/list-submissions";
import { firstValues, submissionFiltersSchema } from "@/lib/schemas/operator-console";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/operateur/envois?env=&outcome=&endpoint=&du=&au=&page= — the signed-in operator's
// submissions as the console lists them (never raw bodies), for its live list
// (components/operator/live-submissions.tsx). Same filters as the page; another operator's
// submissions are never reachable (the operator comes from the session).
export const GET = route("operator:console", async ({ request, user }) => {
  if (!user.operatorId) return jsonError(403, "Votre compte n'est rattaché à aucun opérateur.");
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const filters = submissionFiltersSchema.parse(firstValues(params));
  const list = await listSubmissions({ operatorId: user.operatorId, filters });
  return Response.json(list, { headers: { "cache-control": "private, no-store" } });
});
