import type { QualichargeRoute } from "@/lib/channels/qualicharge/router";

// /dynamique/status/ and /dynamique/session/: reads, single and bulk writes, session check.
export const dynamiqueRoutes: QualichargeRoute[] = [];
