// The two request headers that the portal's Node server (sanitize-headers.ts) always overwrites
// and that everything downstream trusts: defined here once, imported everywhere else.
//   x-portal-client-ip          the client address (TCP peer, or X-Forwarded-For's last hop
//                               when the peer is a trusted reverse proxy);
//   x-portal-client-cert-sha256 the client-certificate fingerprint, only when a trusted proxy
//                               sent it in the configured header (it terminated TLS).
export const CLIENT_IP_HEADER = "x-portal-client-ip";
export const CLIENT_CERT_FINGERPRINT_HEADER = "x-portal-client-cert-sha256";
