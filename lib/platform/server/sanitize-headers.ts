import type { IncomingMessage } from "node:http";
import { CLIENT_CERT_FINGERPRINT_HEADER, CLIENT_IP_HEADER } from "@/lib/platform/server/trusted-headers";

// The only place that decides who the client is. Everything downstream trusts exactly the two
// headers of trusted-headers.ts, which this function always overwrites.
export { CLIENT_CERT_FINGERPRINT_HEADER, CLIENT_IP_HEADER };

export interface HeaderPolicy {
  trustedProxies: readonly string[];
  clientCertHeader: string;
}

export function normalizeAddress(address: string | undefined): string {
  if (!address) return "inconnue";
  return address.startsWith("::ffff:") ? address.slice("::ffff:".length) : address;
}

/** "AB:CD:…" or "abcd…" → 64 lower-case hex digits, or null when it is not a SHA-256. */
export function normalizeFingerprint(value: string): string | null {
  const hex = value.replace(/[:\s]/g, "").toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : null;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[value.length - 1] : value;
}

export function sanitizeRequestHeaders(req: IncomingMessage, policy: HeaderPolicy): void {
  const peer = normalizeAddress(req.socket.remoteAddress);
  const fromTrustedProxy = policy.trustedProxies.includes(peer);
  let clientIp = peer;
  if (fromTrustedProxy) {
    const forwarded = single(req.headers["x-forwarded-for"])
      ?.split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    if (forwarded?.length) clientIp = normalizeAddress(forwarded[forwarded.length - 1]);
  } else {
    // Not from our proxy: whatever forwarding headers the client wrote are not ours.
    delete req.headers["x-forwarded-for"];
  }
  req.headers[CLIENT_IP_HEADER] = clientIp;

  const rawCert = single(req.headers[policy.clientCertHeader]);
  delete req.headers[policy.clientCertHeader];
  delete req.headers[CLIENT_CERT_FINGERPRINT_HEADER];
  const fingerprint = fromTrustedProxy && rawCert ? normalizeFingerprint(rawCert) : null;
  if (fingerprint) req.headers[CLIENT_CERT_FINGERPRINT_HEADER] = fingerprint;
}
