import { healthAnswer } from "@/lib/platform/health/health-answer";

export const dynamic = "force-dynamic";

// Served by the portal's Node server before Next.js (lib/platform/server/portal-server.ts); this route
// serves it under `next dev`.
export async function GET() {
  const answer = await healthAnswer();
  return Response.json(answer.body, { status: answer.status, headers: answer.headers });
}
