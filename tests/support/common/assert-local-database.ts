// Tests write data: refuse to run them anywhere but on this machine.
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]", ""]);

export function assertLocalDatabase(url: string): void {
  if (url.startsWith("pglite:")) return;
  const parsed = new URL(url);
  const socketHost = parsed.searchParams.get("host");
  const local = LOCAL_HOSTS.has(parsed.hostname) && (!socketHost || socketHost.startsWith("/"));
  if (!local) {
    throw new Error(`Refus de lancer les tests sur une base non locale (${parsed.hostname}).`);
  }
}
