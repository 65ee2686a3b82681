import type http from "node:http";
import type { AddressInfo } from "node:net";
import { getEnv } from "@/lib/platform/env";
import { createPortalServer } from "@/lib/platform/server/portal-server";
import { advenirDoor, advenirSocketFailureBody } from "@/lib/channels/advenir/advenir-door";

/**
 * The portal's own Node server with the ADVENIR door, as cli/http-server.ts composes it, and a
 * stand-in for Next.js (404 "next"), listening on a free local port.
 */
export async function listenWithAdvenirDoor(): Promise<{ server: http.Server; port: number; base: string }> {
  const server = createPortalServer(getEnv(), {
    doors: [advenirDoor],
    handleOther: (_req, res) => res.writeHead(404).end("next"),
    socketFailureBody: advenirSocketFailureBody,
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return { server, port, base: `http://127.0.0.1:${port}` };
}
