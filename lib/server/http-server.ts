import http from "node:http";
import next from "next";
import { getEnv } from "@/lib/env";
import { sanitizeRequestHeaders } from "@/lib/server/sanitize-headers";
import { applySecurityHeaders } from "@/lib/server/security-headers";
import { advenirEndpointOf, serveAdvenirPut } from "@/lib/server/serve-advenir-put";

// The portal's HTTP server: Next.js behind a thin Node server, so that the client address and
// client-certificate fingerprint come from the TCP connection or a trusted proxy only. The two
// ADVENIR data endpoints are answered here directly (lib/server/serve-advenir-put.ts).
export async function startHttpServer(options: { dev?: boolean } = {}): Promise<http.Server> {
  const env = getEnv();
  const app = next({ dev: options.dev ?? false, dir: process.cwd(), hostname: env.HOST, port: env.PORT });
  const handle = app.getRequestHandler();
  await app.prepare();
  const policy = { trustedProxies: env.TRUSTED_PROXIES, clientCertHeader: env.CLIENT_CERT_HEADER };
  const server = http.createServer((req, res) => {
    sanitizeRequestHeaders(req, policy);
    applySecurityHeaders(req, res, env);
    const endpoint = advenirEndpointOf(req);
    if (endpoint) void serveAdvenirPut(req, res, endpoint);
    else void handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(env.PORT, env.HOST, resolve));
  return server;
}
