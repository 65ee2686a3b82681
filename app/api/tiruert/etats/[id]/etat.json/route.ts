import { route } from "@/lib/auth/route";
import { parseInput } from "@/lib/schemas/validation";
import { statementIdSchema } from "@/lib/schemas/tiruert";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/platform/errors";
import { getFiledStatement } from "@/lib/tiruert/list-statements";
import { canonicalJson } from "@/lib/tiruert/statement-content";
import { tiruertActor } from "@/lib/tiruert/format";

export const dynamic = "force-dynamic";

/**
 * A filed statement as its canonical JSON (docs/tiruert-statement.schema.json): the exact bytes
 * whose SHA-256 the receipt shows, so a machine can check it; the version and hash in headers.
 */
export const GET = route<{ id: string }>("account:manage-own", async ({ user, params }) => {
  if (!can(user.role, "tiruert:prepare-own") && !can(user.role, "tiruert:read-all"))
    throw new AppError("FORBIDDEN", "Vous n'avez pas accès à cette ressource.");
  const { id } = parseInput(statementIdSchema, params);
  const s = await getFiledStatement({ actor: tiruertActor(user), id });
  return new Response(canonicalJson(s.content), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="tiruert_${s.siren}_${s.year}-T${s.quarter}_v${s.version}.json"`,
      "cache-control": "no-store",
      "x-tiruert-version": String(s.version),
      "x-tiruert-sha256": s.sha256,
    },
  });
});
