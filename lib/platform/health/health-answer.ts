import { checkHealth } from "@/lib/platform/health/check-health";
import { DATABASE_RETRY_AFTER_SECONDS } from "@/lib/platform/db/unavailable";

// GET /api/health's answer, for the route file and for the portal's Node server (which answers
// it itself, so that a probe does not depend on Next.js). 503 with Retry-After while the database
// is unreachable or migrations are pending.

export async function healthAnswer(): Promise<{ status: number; headers: Record<string, string>; body: unknown }> {
  const health = await checkHealth();
  const headers: Record<string, string> = { "Content-Type": "application/json", "Cache-Control": "no-store" };
  if (!health.ok) headers["Retry-After"] = String(DATABASE_RETRY_AFTER_SECONDS);
  return {
    status: health.ok ? 200 : 503,
    headers,
    body: { statut: health.ok ? "OK" : "ECHEC", base: health.database, migrationsEnAttente: health.pendingMigrations },
  };
}
