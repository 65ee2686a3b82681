import type http from "node:http";
import next from "next";
import { getEnv } from "@/lib/platform/env";
import { createPortalServer } from "@/lib/platform/server/portal-server";

// The portal's HTTP server: Next.js behind a thin Node server (lib/platform/server/portal-server.ts), so
// that the client address and client-certificate fingerprint come from the TCP connection or a
// trusted proxy only, and so that timeouts, broken framing, the two ADVENIR data endpoints and
// the health probe are answered there directly.
export async function startHttpServer(options: { dev?: boolean } = {}): Promise<http.Server> {
  const env = getEnv();
  const app = next({ dev: options.dev ?? false, dir: process.cwd(), hostname: env.HOST, port: env.PORT });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = createPortalServer(env, (req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(env.PORT, env.HOST, resolve));
  return server;
}
