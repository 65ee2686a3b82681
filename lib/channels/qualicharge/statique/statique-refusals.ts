import { StatiqueRefused } from "@/lib/charge-points/statique-errors";
import { detailError, QualichargeError } from "@/lib/channels/qualicharge/errors";

// The core's refusals of a statique write in QualiCharge's words (its routers and importer), so
// that a client matching on them keeps working.

export function statiqueRefusal(error: unknown, context: "single" | "bulk"): unknown {
  if (!(error instanceof StatiqueRefused)) return error;
  const r = error.refusal;
  switch (r.kind) {
    case "unknown-unit":
      return context === "bulk"
        ? detailError(404, "Operational units should be created first")
        : detailError(404, `OperationalUnit with code ${r.codes[0]} should be created first`);
    case "exists":
      return detailError(409, `Charge point ${r.ids[0]} already exists`);
    case "not-found":
      return detailError(404, "Statique with id_pdc_itinerance does not exist");
    case "inconsistent-station":
      return detailError(400, "An error occured while trying to create or update the 'station' table");
    case "inconsistent-place":
      return detailError(400, "An error occured while trying to create or update the 'localisation' table");
    case "inconsistent-point":
      return detailError(400, "An error occured while trying to create or update the 'pointdecharge' table");
  }
}

/** Runs a core write and rethrows its refusal as QualiCharge's answer. */
export async function answeringRefusals<T>(context: "single" | "bulk", write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    const translated = statiqueRefusal(e, context);
    if (translated instanceof QualichargeError) throw translated;
    throw e;
  }
}
