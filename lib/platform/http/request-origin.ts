import "server-only";
import { headers } from "next/headers";

/**
 * The portal's origin as the browser reached it (for display: example commands), from
 * X-Forwarded-Host/-Proto when a reverse proxy set them, else Host. Never used for a decision.
 */
export async function requestOrigin(): Promise<string> {
  const h = await headers();
  const host = (h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000").split(",")[0].trim();
  const forwardedProto = h.get("x-forwarded-proto")?.split(",")[0].trim();
  const proto = forwardedProto === "https" || forwardedProto === "http" ? forwardedProto : "http";
  const safeHost = /^[A-Za-z0-9.\-:[\]]+$/.test(host) ? host : "localhost:3000";
  return `${proto}://${safeHost}`;
}
