// French labels of the console's values.
export const ENV_LABELS: Record<string, string> = { production: "Production", sandbox: "Bac à sable" };

export function envLabel(env: string | null): string {
  return env ? (ENV_LABELS[env] ?? env) : "—";
}

export function endpointLabel(endpoint: string): string {
  if (endpoint === "/api/operation/put") return "Opérations";
  if (endpoint === "/api/courbe/put") return "Courbes";
  return endpoint;
}
