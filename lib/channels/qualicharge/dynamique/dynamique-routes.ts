import type { QualichargeRoute } from "@/lib/channels/qualicharge/router";
import { sessionRoutes } from "@/lib/channels/qualicharge/dynamique/session-routes";
import { statusRoutes } from "@/lib/channels/qualicharge/dynamique/status-routes";

// /dynamique/status/ and /dynamique/session/: reads, single and bulk writes, session check.
export const dynamiqueRoutes: QualichargeRoute[] = [...statusRoutes, ...sessionRoutes];
