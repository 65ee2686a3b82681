import { z } from "zod";
import { getEnv } from "@/lib/platform/env";
import { ID_ITINERANCE_PATTERN, pastDatetimeFilter, readValidStatus, statusCreate, type StatusCreate } from "@/lib/schemas/qualicharge-status";
import { writeStatuses, type StatusToWrite } from "@/lib/statuses/write-statuses";
import { writeOneStatus } from "@/lib/statuses/coalesce-status-writes";
import { readLatestStatus } from "@/lib/statuses/read-latest-status";
import { readStatusHistory } from "@/lib/statuses/read-status-history";
import { listLatestStatuses } from "@/lib/statuses/list-latest-statuses";
import type { StoredStatus } from "@/lib/statuses/stored-status";
import { authed, type AuthedContext, type QualichargeRoute } from "@/lib/channels/qualicharge/router";
import { detailError, insufficientPermissions, validationFailed } from "@/lib/channels/qualicharge/errors";
import { ownsId } from "@/lib/channels/qualicharge/auth/principal";
import { parseJsonBody } from "@/lib/channels/qualicharge/read-request-body";
import { validationDetails } from "@/lib/channels/qualicharge/validation-details";

// QualiCharge's /dynamique/status/ endpoints (routers/dynamic.py): a status or a bulk of them
// written into the core (lib/statuses, ADR 0019), the latest status of one point, its history,
// and the latest status of each of the user's points. Checks in QualiCharge's order after the
// router's token and scope: validation (422), tenancy (403, every item of a bulk), existence
// (404: an undeclared or decommissioned point). QualiCharge's messages, word for word.
// The writes journal their call in their own statement (one round trip per call, ADR 0005).

const NO_POINT = "Point of charge does not exist";
const NO_STATUS = "Selected point of charge does not have status record yet";
const UNDECLARED = "Undeclared attached point(s) of charge, you should create them all first";

/** A datetime as pydantic writes it: UTC with "Z", microseconds only when not zero. */
function pydanticDatetime(d: Date): string {
  const iso = d.toISOString();
  const ms = d.getUTCMilliseconds();
  return ms === 0 ? `${iso.slice(0, 19)}Z` : `${iso.slice(0, 19)}.${String(ms).padStart(3, "0")}000Z`;
}

/** StatusRead, in QualiCharge's field order. */
function statusRead(s: StoredStatus) {
  return {
    etat_pdc: s.etatPdc,
    occupation_pdc: s.occupationPdc,
    horodatage: pydanticDatetime(s.horodatage),
    etat_prise_type_2: s.etatPriseType2,
    etat_prise_type_combo_ccs: s.etatPriseTypeComboCcs,
    etat_prise_type_chademo: s.etatPriseTypeChademo,
    etat_prise_type_ef: s.etatPriseTypeEf,
    id_pdc_itinerance: s.idPdcItinerance,
  };
}

function toWrite(s: StatusCreate): StatusToWrite {
  return {
    idPdcItinerance: s.id_pdc_itinerance,
    horodatage: s.horodatage,
    etatPdc: s.etat_pdc,
    occupationPdc: s.occupation_pdc,
    etatPriseType2: s.etat_prise_type_2,
    etatPriseTypeComboCcs: s.etat_prise_type_combo_ccs,
    etatPriseTypeChademo: s.etat_prise_type_chademo,
    etatPriseTypeEf: s.etat_prise_type_ef,
  };
}

/** Writes the statuses with the call's journal row; false when a point is undeclared or decommissioned (nothing written). */
async function write(ctx: AuthedContext, statuses: StatusCreate[]): Promise<string[] | null> {
  ctx.counts.received = statuses.length;
  const result = await writeStatuses({
    statuses: statuses.map(toWrite),
    door: "QUALICHARGE",
    env: ctx.principal.env,
    journal: ctx.journalRow(201),
  });
  if (!result.written) return null;
  ctx.counts.stored = statuses.length;
  ctx.journaled();
  return result.ids;
}

/** The status of a single POST: read directly when valid (the usual case), else zod's errors. */
function validStatus(body: unknown): StatusCreate {
  const status = readValidStatus(body);
  if (status) return status;
  const parsed = statusCreate.safeParse(body, { reportInput: true });
  if (!parsed.success) throw validationFailed(validationDetails(parsed.error, "body"));
  return parsed.data;
}

async function createStatus(ctx: AuthedContext) {
  const status = validStatus(parseJsonBody(await ctx.body()));
  if (!ownsId(ctx.principal, status.id_pdc_itinerance)) throw insufficientPermissions("You cannot create statuses for this point of charge");
  ctx.counts.received = 1;
  // Written with the single statuses of other calls arriving at the same time (one statement for all).
  const result = await writeOneStatus({ status: toWrite(status), door: "QUALICHARGE", env: ctx.principal.env, journal: ctx.journalRow(201) });
  if (!result.written) throw detailError(404, NO_POINT);
  ctx.counts.stored = 1;
  ctx.journaled();
  return { status: 201, body: { id: result.ids[0] } };
}

/** A bulk's items (its length is checked before, against QUALICHARGE_BULK_MAX). */
const statusList = z.array(statusCreate);

/** The bulk's statuses: read directly when every one is valid (the usual case), else zod's errors. */
function validStatuses(body: unknown[]): StatusCreate[] {
  const now = Date.now();
  const statuses: StatusCreate[] = [];
  for (const item of body) {
    const status = readValidStatus(item, now);
    if (!status) break;
    statuses.push(status);
  }
  if (statuses.length === body.length) return statuses;
  const parsed = statusList.safeParse(body, { reportInput: true });
  if (!parsed.success) throw validationFailed(validationDetails(parsed.error, "body"));
  return parsed.data;
}

async function createStatusBulk(ctx: AuthedContext) {
  const body = parseJsonBody(await ctx.body());
  if (!Array.isArray(body)) throw validationFailed([{ type: "list_type", loc: ["body"], msg: "Input should be a valid list" }]);
  const max = getEnv().QUALICHARGE_BULK_MAX;
  if (body.length > max)
    throw validationFailed([{ type: "too_long", loc: ["body"], msg: `List should have at most ${max} items after validation, not ${body.length}` }]);
  if (body.length === 0) throw validationFailed([{ type: "too_short", loc: ["body"], msg: "List should have at least 1 item after validation, not 0" }]);
  const statuses = validStatuses(body);
  for (const s of statuses)
    if (!ownsId(ctx.principal, s.id_pdc_itinerance)) throw insufficientPermissions("You cannot submit data for an organization you are not assigned to");
  const ids = await write(ctx, statuses);
  if (!ids) throw detailError(404, UNDECLARED);
  return { status: 201, body: { size: ids.length, items: ids } };
}

const listQuery = z.object({
  from: pastDatetimeFilter.optional(),
  pdc: z.array(z.string().regex(ID_ITINERANCE_PATTERN)),
  station: z.array(z.string().regex(ID_ITINERANCE_PATTERN)),
});

async function listStatuses(ctx: AuthedContext) {
  const parsed = listQuery.safeParse(
    { from: ctx.query.get("from") ?? undefined, pdc: ctx.query.getAll("pdc"), station: ctx.query.getAll("station") },
    { reportInput: true },
  );
  if (!parsed.success) throw validationFailed(validationDetails(parsed.error, "query"));
  const statuses = await listLatestStatuses({
    allUnits: ctx.principal.isSuperuser,
    units: ctx.principal.units,
    env: ctx.principal.env,
    from: parsed.data.from ?? null,
    pdc: parsed.data.pdc,
    station: parsed.data.station,
  });
  return { status: 200, body: statuses.map(statusRead) };
}

async function readStatus(ctx: AuthedContext) {
  const id = ctx.params.id_pdc_itinerance;
  if (!ownsId(ctx.principal, id)) throw insufficientPermissions("You cannot read the status of this point of charge");
  // The call's journal row is written by the read's statement (one round trip, ADR 0005).
  const found = await readLatestStatus({
    idPdcItinerance: id,
    env: ctx.principal.env,
    journal: { door: "QUALICHARGE", row: ctx.journalRow(200), noPointErrors: [NO_POINT], noStatusErrors: [NO_STATUS] },
  });
  ctx.journaled();
  if (found.kind === "no-point") throw detailError(404, NO_POINT);
  if (found.kind === "no-status") throw detailError(404, NO_STATUS);
  return { status: 200, body: statusRead(found.status) };
}

const historyQuery = z.object({ from: pastDatetimeFilter.optional() });

async function readHistory(ctx: AuthedContext) {
  const parsed = historyQuery.safeParse({ from: ctx.query.get("from") ?? undefined }, { reportInput: true });
  if (!parsed.success) throw validationFailed(validationDetails(parsed.error, "query"));
  const id = ctx.params.id_pdc_itinerance;
  if (!ownsId(ctx.principal, id)) throw insufficientPermissions("You cannot read statuses of this point of charge");
  const found = await readStatusHistory({ idPdcItinerance: id, env: ctx.principal.env, from: parsed.data.from ?? null });
  if (found.kind === "no-point") throw detailError(404, NO_POINT);
  if (found.kind === "no-status") throw detailError(404, NO_STATUS);
  return { status: 200, body: found.statuses.map(statusRead) };
}

export const statusRoutes: QualichargeRoute[] = [
  { method: "GET", path: "/dynamique/status/", scope: "dynamic:read", handle: authed(listStatuses) },
  { method: "POST", path: "/dynamique/status/", scope: "dynamic:create", handle: authed(createStatus) },
  { method: "POST", path: "/dynamique/status/bulk", scope: "dynamic:create", handle: authed(createStatusBulk) },
  { method: "GET", path: "/dynamique/status/{id_pdc_itinerance}", scope: "dynamic:read", handle: authed(readStatus) },
  { method: "GET", path: "/dynamique/status/{id_pdc_itinerance}/history", scope: "dynamic:read", handle: authed(readHistory) },
];
