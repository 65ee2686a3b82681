import type { PortalDoor } from "@/lib/platform/server/portal-server";
import { isGirevePath, serveGireve } from "@/lib/channels/gireve/serve-gireve";

// The GIREVE door (issue 18, ADR 0023): eMIP's SOAP messages relayed by GIREVE, answered by the
// portal's Node server (cli/http-server.ts) at /api/gireve/emip.

export const gireveDoor: PortalDoor = {
  claims: (req) => isGirevePath(req.url),
  serve: (req, res) => serveGireve(req, res),
};
