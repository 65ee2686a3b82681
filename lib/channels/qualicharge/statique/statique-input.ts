import { getEnv } from "@/lib/platform/env";
import { parisDay } from "@/lib/platform/time/paris-time";
import { statiqueBulkSchema, statiqueSchema, type Statique } from "@/lib/schemas/qualicharge-statique";
import { isInFrance } from "@/lib/reference-data/is-in-france";
import { validationFailed } from "@/lib/channels/qualicharge/errors";
import { parseJsonBody } from "@/lib/channels/qualicharge/read-request-body";
import { validationDetails } from "@/lib/channels/qualicharge/validation-details";
import type { QualichargeContext } from "@/lib/channels/qualicharge/router";

// The body of a statique write, validated (422 in FastAPI's shape, `loc` ["body", field] or, in
// a bulk, ["body", index, field]) before any tenancy or existence check.

const options = () => ({ today: parisDay(new Date()), isInFrance });

export async function readStatique(ctx: QualichargeContext): Promise<Statique> {
  const parsed = statiqueSchema(options()).safeParse(parseJsonBody(await ctx.body()));
  ctx.counts.received = 1;
  if (!parsed.success) throw validationFailed(validationDetails(parsed.error, "body"));
  return parsed.data;
}

export async function readStatiqueBulk(ctx: QualichargeContext): Promise<Statique[]> {
  const body = parseJsonBody(await ctx.body());
  if (Array.isArray(body)) ctx.counts.received = body.length;
  const parsed = statiqueBulkSchema({ ...options(), max: getEnv().QUALICHARGE_BULK_MAX }).safeParse(body);
  if (!parsed.success) throw validationFailed(validationDetails(parsed.error, "body"));
  return parsed.data;
}
