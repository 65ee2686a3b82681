/**
 * The login and secret of an HTTP Basic `Authorization` header, split on the FIRST colon (secrets
 * may contain colons); null when the header is not Basic or holds no login. Shared by the
 * machine logins (the ADVENIR data API, GIREVE's relay).
 */
export function parseBasicAuthorization(header: string): { username: string; secret: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header.trim());
  if (!match) return null;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon <= 0) return null;
  return { username: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}
