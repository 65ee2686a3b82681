import { getEnv } from "@/lib/platform/env";
import { bulkLengthIssue, sessionBulkSchema, sessionSchema, type Session } from "@/lib/schemas/qualicharge-session";
import { recordSessions, type SessionInput } from "@/lib/charges/record-sessions";
import { findSessionPoint } from "@/lib/charges/find-session";
import { ownsId, type QualichargePrincipal } from "@/lib/channels/qualicharge/auth/principal";
import { authenticationFailed, detailError, insufficientPermissions, validationFailed } from "@/lib/channels/qualicharge/errors";
import { parseJsonBody } from "@/lib/channels/qualicharge/read-request-body";
import { authed, type AuthedContext, type QualichargeRoute } from "@/lib/channels/qualicharge/router";
import { validationDetails } from "@/lib/channels/qualicharge/validation-details";

// /dynamique/session/: QualiCharge's charging sessions, stored as charge operations of the core
// (lib/charges/record-sessions.ts). Checks in QualiCharge's order after the router's token and
// scope: validation (422), tenancy of every item (403), then existence of every point (404:
// undeclared or decommissioned), with QualiCharge's messages. A session's id derives from its
// point and start, so a resent session is answered the same id.

// Built once: their rules read the clock at each parse.
const SESSION = sessionSchema();
const SESSION_BULK = sessionBulkSchema();

const toInput = (s: Session): SessionInput => ({ idPdcItinerance: s.id_pdc_itinerance, start: s.start, end: s.end, energyKwh: s.energy });

async function store(ctx: AuthedContext, sessions: Session[], unknown: string) {
  const result = await recordSessions({ env: ctx.principal.env, apiUserId: ctx.principal.id, sessions: sessions.map(toInput) });
  // Deactivated meanwhile (by an admin, or by the end-of-programme purge): as the next token check would say.
  if (result.kind === "closed") throw authenticationFailed("User is not active");
  if (result.kind === "unknown-points") throw detailError(404, unknown);
  ctx.counts.stored = result.stored;
  ctx.counts.unchanged = result.unchanged;
  return result.ids;
}

function requireOwned(principal: QualichargePrincipal, sessions: Session[], reason: string): void {
  if (sessions.some((s) => !ownsId(principal, s.id_pdc_itinerance))) throw insufficientPermissions(reason);
}

const createSession: QualichargeRoute = {
  method: "POST",
  path: "/dynamique/session/",
  scope: "dynamic:create",
  handle: authed(async (ctx) => {
    const parsed = SESSION.safeParse(parseJsonBody(await ctx.body()), { reportInput: true });
    ctx.counts.received = 1;
    if (!parsed.success) throw validationFailed(validationDetails(parsed.error, "body"));
    requireOwned(ctx.principal, [parsed.data], "You cannot create sessions for this point of charge");
    const [id] = await store(ctx, [parsed.data], "Point of charge does not exist");
    return { status: 201, body: { id } };
  }),
};

const createSessionBulk: QualichargeRoute = {
  method: "POST",
  path: "/dynamique/session/bulk",
  scope: "dynamic:create",
  handle: authed(async (ctx) => {
    const body = parseJsonBody(await ctx.body());
    if (!Array.isArray(body)) throw validationFailed([{ type: "list_type", loc: ["body"], msg: "Input should be a valid list" }]);
    ctx.counts.received = body.length;
    const tooMany = bulkLengthIssue(body.length, getEnv().QUALICHARGE_BULK_MAX);
    if (tooMany) throw validationFailed([{ ...tooMany, loc: ["body"] }]);
    const parsed = SESSION_BULK.safeParse(body, { reportInput: true });
    if (!parsed.success) throw validationFailed(validationDetails(parsed.error, "body"));
    requireOwned(ctx.principal, parsed.data, "You cannot submit data for an organization you are not assigned to");
    const items = await store(ctx, parsed.data, "Undeclared attached point(s) of charge, you should create them all first");
    return { status: 201, body: { size: items.length, items } };
  }),
};

const UUID = /^(?:urn:uuid:)?\{?([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})\}?$/i;

const checkSession: QualichargeRoute = {
  method: "GET",
  path: "/dynamique/session/check",
  scope: "dynamic:read",
  handle: authed(async (ctx) => {
    const raw = ctx.query.get("session_id");
    if (raw === null) throw validationFailed([{ type: "missing", loc: ["query", "session_id"], msg: "Field required" }]);
    const m = UUID.exec(raw.trim());
    if (!m) throw validationFailed([{ type: "uuid_parsing", loc: ["query", "session_id"], msg: "Input should be a valid UUID", input: raw }]);
    const point = await findSessionPoint({ env: ctx.principal.env, sessionId: m.slice(1).join("-").toLowerCase() });
    // Another operator's session is answered as an unknown one: its existence is not the caller's to learn.
    if (point === null || !ownsId(ctx.principal, point)) throw detailError(404, "Not Found");
    return { status: 200, body: null };
  }),
};

export const sessionRoutes: QualichargeRoute[] = [createSession, createSessionBulk, checkSession];
