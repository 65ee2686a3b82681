import type { PortalDoor } from "@/lib/platform/server/portal-server";
import type { ProtocolFailure } from "@/lib/platform/server/protocol-failure";
import { advenirFailure } from "@/lib/channels/advenir/advenir-response";
import { advenirEndpointOf, serveAdvenirPut } from "@/lib/channels/advenir/serve-advenir-put";

// The ADVENIR door as the portal's Node server sees it: the two data endpoints it answers itself
// (lib/channels/advenir/serve-advenir-put.ts), and how a failure of the HTTP exchange reads in
// this protocol.

export const advenirDoor: PortalDoor = {
  claims: (req) => advenirEndpointOf(req) !== null,
  serve: (req, res) => serveAdvenirPut(req, res, advenirEndpointOf(req)!),
};

/** A failure of the HTTP exchange, as the ADVENIR protocol answers a failure: {statut, erreurs}. */
export function advenirSocketFailureBody(failure: ProtocolFailure): string {
  return JSON.stringify(advenirFailure(failure).body);
}
