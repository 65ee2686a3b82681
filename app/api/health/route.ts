import { checkHealth } from "@/lib/health/check-health";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await checkHealth();
  return Response.json(
    { statut: health.ok ? "OK" : "ECHEC", base: health.database, migrationsEnAttente: health.pendingMigrations },
    { status: health.ok ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
