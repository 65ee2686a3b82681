// Where the login page may send a person after they sign in: a path of this portal, nothing
// else. Browsers read "/\host", "\/host", "/\thost" (tabs and newlines are dropped) as
// "//host", another site; a value decoded once more by some layer may turn "%2F%2Fhost" into the
// same. So the value must be a plain absolute path, and stay one after any number of decodings.

const BASE = "http://portail.invalid";
const MAX_LENGTH = 2_000;

function plainPath(value: string): boolean {
  return (
    value.startsWith("/") &&
    !value.startsWith("//") &&
    !value.includes("\\") &&
    // Control characters and whitespace (browsers drop tabs and newlines inside URLs).
    !/[\u0000-\u0020\u007f-\u009f\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]/.test(value)
  );
}

/**
 * The same-origin path (with query and fragment) to follow, or null when `value` is anything
 * else: absent, absolute URL, protocol-relative, backslash tricks, encoded variants, scripts.
 */
export function safeCallbackPath(value: unknown): string | null {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw !== "string" || raw.length === 0 || raw.length > MAX_LENGTH) return null;
  // Every decoded form must be a plain path too ("/%2F%2Fx" → "///x", "%5C" → "\").
  let current = raw;
  for (let i = 0; i < 4; i++) {
    if (!plainPath(current)) return null;
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      return null;
    }
    if (decoded === current) break;
    current = decoded;
  }
  const url = new URL(raw, BASE);
  if (url.origin !== BASE) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}
