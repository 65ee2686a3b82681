import type { QualichargeRoute } from "@/lib/channels/qualicharge/router";

// /manage/station/siren/{siren}: the stations of an aménageur having a PDL.
export const manageRoutes: QualichargeRoute[] = [];
