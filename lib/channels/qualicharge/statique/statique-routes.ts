import type { QualichargeRoute } from "@/lib/channels/qualicharge/router";

// /statique/: list, read, create, update, bulk, delete (decommission), up (recommission).
export const statiqueRoutes: QualichargeRoute[] = [];
