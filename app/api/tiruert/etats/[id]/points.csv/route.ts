import { route } from "@/lib/auth/route";
import { parseInput } from "@/lib/schemas/validation";
import { statementIdSchema } from "@/lib/schemas/tiruert";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/platform/errors";
import { csvFileName, csvFormatOf, csvHeaders } from "@/lib/platform/csv/format-csv";
import { getFiledStatement } from "@/lib/tiruert/list-statements";
import { formatStatementPointsCsv } from "@/lib/tiruert/format-statement-csv";
import { tiruertActor } from "@/lib/tiruert/format";

export const dynamic = "force-dynamic";

/** A filed statement's points as CSV (French Excel by default, `format=standard`): its aménageur's people and the admin. */
export const GET = route<{ id: string }>("account:manage-own", async ({ request, user, params }) => {
  if (!can(user.role, "tiruert:prepare-own") && !can(user.role, "tiruert:read-all"))
    throw new AppError("FORBIDDEN", "Vous n'avez pas accès à cette ressource.");
  const { id } = parseInput(statementIdSchema, params);
  const s = await getFiledStatement({ actor: tiruertActor(user), id });
  const format = csvFormatOf(new URL(request.url).searchParams.get("format"));
  return new Response(formatStatementPointsCsv([{ version: s.version, content: s.content }], { format }), {
    headers: csvHeaders(csvFileName(["tiruert", s.siren, `${s.year}-T${s.quarter}`, `v${s.version}`, format])),
  });
});
