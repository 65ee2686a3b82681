import { z } from "zod";
import { listStationsBySiren } from "@/lib/charge-points/list-stations-by-siren";
import { detailError, validationFailed } from "@/lib/channels/qualicharge/errors";
import { authed, type QualichargeRoute } from "@/lib/channels/qualicharge/router";
import { validationDetails } from "@/lib/channels/qualicharge/validation-details";

// /manage/station/siren/{siren}: the stations of an aménageur having a PDL (QualiCharge's
// routers/manage.py), optionally those changed since `after`.

const sirenPath = z.object({ siren: z.string().regex(/^\d{9}$/, { error: "String should match pattern '^\\d{9}$'" }) });
const afterQuery = z.object({
  after: z.iso
    .datetime({ offset: true, local: true, error: "Input should be a valid datetime" })
    .transform((v) => new Date(v))
    .refine((d) => d.getTime() <= Date.now(), { error: "Input should be in the past" })
    .optional(),
});

export const manageRoutes: QualichargeRoute[] = [
  {
    method: "GET",
    path: "/manage/station/siren/{siren}",
    scope: "manage:read",
    handle: authed(async ({ params, query }) => {
      const path = sirenPath.safeParse(params);
      if (!path.success) throw validationFailed(validationDetails(path.error, "path"));
      const q = afterQuery.safeParse({ after: query.get("after") ?? undefined });
      if (!q.success) throw validationFailed(validationDetails(q.error, "query"));
      const stations = await listStationsBySiren({ siren: path.data.siren, after: q.data.after });
      if (stations.length === 0) throw detailError(404, "No station corresponds to your request");
      return { status: 200, body: stations };
    }),
  },
];
