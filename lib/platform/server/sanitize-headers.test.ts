import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { CLIENT_CERT_FINGERPRINT_HEADER, CLIENT_IP_HEADER, normalizeFingerprint, sanitizeRequestHeaders } from "@/lib/platform/server/sanitize-headers";

const FP = "AB:".repeat(31) + "AB";
const FP_HEX = "ab".repeat(32);
const policy = { trustedProxies: ["10.0.0.1"], clientCertHeader: "x-client-cert-sha256" };

function request(peer: string, headers: Record<string, string>): IncomingMessage {
  return { socket: { remoteAddress: peer }, headers: { ...headers } } as unknown as IncomingMessage;
}

describe("sanitizeRequestHeaders", () => {
  it("uses the TCP peer and drops forged headers from a direct client", () => {
    const req = request("::ffff:203.0.113.7", {
      "x-forwarded-for": "1.2.3.4",
      [CLIENT_IP_HEADER]: "9.9.9.9",
      "x-client-cert-sha256": FP,
      [CLIENT_CERT_FINGERPRINT_HEADER]: FP_HEX,
    });
    sanitizeRequestHeaders(req, policy);
    expect(req.headers[CLIENT_IP_HEADER]).toBe("203.0.113.7");
    expect(req.headers[CLIENT_CERT_FINGERPRINT_HEADER]).toBeUndefined();
    expect(req.headers["x-forwarded-for"]).toBeUndefined();
    expect(req.headers["x-client-cert-sha256"]).toBeUndefined();
  });

  it("trusts the last X-Forwarded-For hop and the certificate header from a trusted proxy", () => {
    const req = request("10.0.0.1", { "x-forwarded-for": "6.6.6.6, 198.51.100.4", "x-client-cert-sha256": FP });
    sanitizeRequestHeaders(req, policy);
    expect(req.headers[CLIENT_IP_HEADER]).toBe("198.51.100.4");
    expect(req.headers[CLIENT_CERT_FINGERPRINT_HEADER]).toBe(FP_HEX);
  });

  it("ignores a malformed fingerprint even from a trusted proxy", () => {
    const req = request("10.0.0.1", { "x-client-cert-sha256": "not-a-hash" });
    sanitizeRequestHeaders(req, policy);
    expect(req.headers[CLIENT_IP_HEADER]).toBe("10.0.0.1");
    expect(req.headers[CLIENT_CERT_FINGERPRINT_HEADER]).toBeUndefined();
  });

  it("normalises fingerprints", () => {
    expect(normalizeFingerprint(FP)).toBe(FP_HEX);
    expect(normalizeFingerprint("ab".repeat(31))).toBeNull();
  });
});
