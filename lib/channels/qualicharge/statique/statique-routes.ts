import { irveToStatique } from "@/lib/schemas/qualicharge-statique";
import { listStatiques } from "@/lib/charge-points/list-statiques";
import { getStatique } from "@/lib/charge-points/get-statique";
import { upsertStatiques } from "@/lib/charge-points/upsert-statiques";
import { decommissionChargePoint } from "@/lib/charge-points/decommission-charge-point";
import { recommissionChargePoint } from "@/lib/charge-points/recommission-charge-point";
import { ownsId, type QualichargePrincipal } from "@/lib/channels/qualicharge/auth/principal";
import { detailError, insufficientPermissions } from "@/lib/channels/qualicharge/errors";
import { pageOf, readPage } from "@/lib/channels/qualicharge/pagination";
import { authed, type QualichargeRoute } from "@/lib/channels/qualicharge/router";
import { readStatique, readStatiqueBulk } from "@/lib/channels/qualicharge/statique/statique-input";
import { answeringRefusals } from "@/lib/channels/qualicharge/statique/statique-refusals";

// /statique/: list, read, create, update, bulk, delete (decommission), up (recommission), as
// QualiCharge's routers/static.py answers them (its messages included). Checks in its order:
// token and scope (router), validation 422, tenancy 403, existence 404/409.

const ID = "/statique/{id_pdc_itinerance}";

/** 403 unless the point is the user's (QualiCharge's words for reads and changes of one point). */
function requireManaged(principal: QualichargePrincipal, id: string): void {
  if (!ownsId(principal, id)) throw insufficientPermissions("You don't manage this charge point");
}

function requireSubmittable(principal: QualichargePrincipal, ids: string[]): void {
  if (!ids.every((id) => ownsId(principal, id))) throw insufficientPermissions("You cannot submit data for an organization you are not assigned to");
}

const apiUser = (p: QualichargePrincipal) => ({ id: p.id, username: p.username });

export const statiqueRoutes: QualichargeRoute[] = [
  {
    method: "GET",
    path: "/statique/",
    scope: "static:read",
    handle: authed(async (ctx) => {
      const page = readPage(ctx.query);
      const { principal } = ctx;
      const units = principal.isSuperuser ? "all" : principal.units;
      // A user without unit sees nothing (QualiCharge filters on an empty list).
      const { total, items } =
        units !== "all" && units.length === 0 ? { total: 0, items: [] } : await listStatiques({ units, offset: page.offset, limit: page.limit });
      return {
        status: 200,
        body: pageOf(
          items.map((i) => irveToStatique(i.irve)),
          total,
          page,
          ctx.url,
        ),
      };
    }),
  },
  {
    method: "GET",
    path: ID,
    scope: "static:read",
    handle: authed(async ({ principal, params }) => {
      const id = params.id_pdc_itinerance;
      requireManaged(principal, id);
      const irve = await getStatique(id);
      if (!irve) throw detailError(404, "Requested statique does not exist");
      return { status: 200, body: irveToStatique(irve) };
    }),
  },
  {
    method: "POST",
    path: "/statique/",
    scope: "static:create",
    handle: authed(async (ctx) => {
      const item = await readStatique(ctx);
      requireSubmittable(ctx.principal, [item.id_pdc_itinerance]);
      const result = await answeringRefusals("single", () => upsertStatiques({ items: [item], mode: "create", apiUser: apiUser(ctx.principal) }));
      Object.assign(ctx.counts, { stored: result.stored, unchanged: result.unchanged });
      return { status: 201, body: { message: "Statique items created", items: result.ids, size: result.ids.length } };
    }),
  },
  {
    method: "PUT",
    path: ID,
    scope: "static:update",
    handle: authed(async (ctx) => {
      const item = await readStatique(ctx);
      const id = ctx.params.id_pdc_itinerance;
      requireManaged(ctx.principal, id);
      if (item.id_pdc_itinerance !== id) throw detailError(406, "id_pdc_itinerance does not match request body");
      const result = await answeringRefusals("single", () => upsertStatiques({ items: [item], mode: "update", apiUser: apiUser(ctx.principal) }));
      Object.assign(ctx.counts, { stored: result.stored, unchanged: result.unchanged });
      const stored = await getStatique(id);
      return { status: 200, body: stored ? irveToStatique(stored) : item };
    }),
  },
  {
    method: "POST",
    path: "/statique/bulk",
    scope: "static:create",
    handle: authed(async (ctx) => {
      const items = await readStatiqueBulk(ctx);
      requireSubmittable(
        ctx.principal,
        items.map((i) => i.id_pdc_itinerance),
      );
      const result = await answeringRefusals("bulk", () => upsertStatiques({ items, mode: "upsert", apiUser: apiUser(ctx.principal) }));
      Object.assign(ctx.counts, { stored: result.stored, unchanged: result.unchanged });
      return { status: 201, body: { message: "Statique items created", items: result.ids, size: result.ids.length } };
    }),
  },
  {
    method: "DELETE",
    path: ID,
    scope: "static:delete",
    handle: authed(async ({ principal, params, counts }) => {
      const id = params.id_pdc_itinerance;
      requireManaged(principal, id);
      const outcome = await decommissionChargePoint({ idPdcItinerance: id });
      if (outcome === "not-found") throw detailError(404, "Target charge point does not exist");
      Object.assign(counts, { received: 1, stored: outcome === "decommissioned" ? 1 : 0, unchanged: outcome === "already" ? 1 : 0 });
      return { status: 204, body: undefined };
    }),
  },
  {
    method: "POST",
    path: `${ID}/up`,
    scope: "static:delete",
    handle: authed(async ({ principal, params, counts }) => {
      const id = params.id_pdc_itinerance;
      requireManaged(principal, id);
      const outcome = await recommissionChargePoint({ idPdcItinerance: id });
      if (outcome === "not-found") throw detailError(404, "Target charge point does not exist");
      Object.assign(counts, { received: 1, stored: outcome === "recommissioned" ? 1 : 0, unchanged: outcome === "already" ? 1 : 0 });
      return { status: 204, body: undefined };
    }),
  },
];
