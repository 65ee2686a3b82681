import type { PortalDoor } from "@/lib/platform/server/portal-server";
import { QualichargeRouter } from "@/lib/channels/qualicharge/router";
import { isQualichargePath, serveQualicharge } from "@/lib/channels/qualicharge/serve-qualicharge";
import { authRoutes } from "@/lib/channels/qualicharge/auth/auth-routes";
import { statiqueRoutes } from "@/lib/channels/qualicharge/statique/statique-routes";
import { dynamiqueRoutes } from "@/lib/channels/qualicharge/dynamique/dynamique-routes";
import { manageRoutes } from "@/lib/channels/qualicharge/manage/manage-routes";

// The QualiCharge door (issue 17, ADR 0019): QualiCharge's API v1 under /api/v1, answered by the
// portal's Node server (cli/http-server.ts) so that an operator's client written for QualiCharge
// works against the portal by changing its base URL only.

export const qualichargeRouter = new QualichargeRouter([...authRoutes, ...statiqueRoutes, ...dynamiqueRoutes, ...manageRoutes]);

export const qualichargeDoor: PortalDoor = {
  claims: (req) => isQualichargePath(req.url),
  serve: (req, res) => serveQualicharge(req, res, qualichargeRouter),
};
