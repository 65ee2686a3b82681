import "server-only";
import { headers } from "next/headers";
import { CLIENT_IP_HEADER } from "@/lib/platform/server/trusted-headers";

/** Client address (set by lib/platform/server, never by the client) and user agent of the current request. */
export async function requestContext(): Promise<{ ip: string; userAgent: string }> {
  const h = await headers();
  return { ip: h.get(CLIENT_IP_HEADER) ?? "inconnue", userAgent: h.get("user-agent") ?? "" };
}
