import type http from "node:http";
import next from "next";
import { getEnv } from "@/lib/platform/env";
import { createPortalServer } from "@/lib/platform/server/portal-server";
import { advenirDoor, advenirSocketFailureBody } from "@/lib/channels/advenir/advenir-door";
import { qualichargeDoor } from "@/lib/channels/qualicharge/qualicharge-door";
import { gireveDoor } from "@/lib/channels/gireve/gireve-door";

// The portal's HTTP server, composed: Next.js behind a thin Node server (lib/platform/server/portal-server.ts),
// so that the client address and client-certificate fingerprint come from the TCP connection or a
// trusted proxy only, and so that timeouts, broken framing and the health probe are answered
// there directly; the doors that answer their own paths (the ADVENIR data endpoints, QualiCharge's
// API v1 under /api/v1, GIREVE's eMIP relay at /api/gireve/emip) plug in here.
export async function startHttpServer(options: { dev?: boolean } = {}): Promise<http.Server> {
  const env = getEnv();
  const app = next({ dev: options.dev ?? false, dir: process.cwd(), hostname: env.HOST, port: env.PORT });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = createPortalServer(env, {
    doors: [advenirDoor, qualichargeDoor, gireveDoor],
    handleOther: (req, res) => void handle(req, res),
    socketFailureBody: advenirSocketFailureBody,
  });
  await new Promise<void>((resolve) => server.listen(env.PORT, env.HOST, resolve));
  return server;
}
