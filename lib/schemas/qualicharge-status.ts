import { z } from "zod";

// QualiCharge's Status (models/dynamic.py, StatusCreate): a point's operating and occupation
// state at an instant. `horodatage` is timezone-aware, in the past and at most 24 h old
// (QualiCharge's API_MAX_STATUS_AGE). The issues carry pydantic's error types in `params.type`
// so that the door answers the 422 a QualiCharge client expects.

export const ETATS_PDC = ["en_service", "hors_service", "inconnu"] as const;
export const OCCUPATIONS_PDC = ["libre", "occupe", "reserve", "inconnu"] as const;
export const ETATS_PRISE = ["fonctionnel", "hors_service", "inconnu"] as const;

/** QualiCharge's pattern of an itinerance id (point or station), as its models declare it. */
export const ID_ITINERANCE_PATTERN = /(?:(?:^|,)(^[A-Z]{2}[A-Z0-9]{4,33}$|Non concerné))+$/;

export const STATUS_MAX_AGE_MS = 24 * 3_600_000;

/** An ISO 8601 date-time; `aware`: with "Z" or an offset. */
const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/** The instant of an ISO date-time string; null when it cannot be read; `aware` whether it names its offset. */
export function readIsoDatetime(value: string): { instant: Date; aware: boolean } | null {
  const m = ISO_DATETIME.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi, sec] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? "00"].map(Number);
  // Date.parse would roll 2026-02-30 over to March: refuse what is not a calendar date and time.
  const calendar = new Date(Date.UTC(y, mo - 1, d));
  if (calendar.getUTCMonth() !== mo - 1 || calendar.getUTCDate() !== d || h > 23 || mi > 59 || sec > 59) return null;
  const offset = m[8];
  const normalized = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? "00"}${m[7] ? `.${m[7].slice(0, 3).padEnd(3, "0")}` : ""}${offset ? normalizeOffset(offset) : "Z"}`;
  const instant = new Date(normalized);
  if (Number.isNaN(instant.getTime())) return null;
  return { instant, aware: Boolean(offset) };
}

function normalizeOffset(offset: string): string {
  if (offset === "Z" || offset === "z") return "Z";
  const digits = offset.slice(1).replace(":", "");
  return `${offset[0]}${digits.slice(0, 2)}:${(digits.slice(2) || "00").padEnd(2, "0")}`;
}

/** A timezone-aware instant in the past, at most `maxAgeMs` old (`now` read at each parse). */
export function awarePastDatetime(maxAgeMs: number, now: () => number = Date.now) {
  return z.string().transform((value, ctx) => {
    const read = readIsoDatetime(value);
    if (!read) {
      ctx.addIssue({ code: "custom", message: "Input should be a valid datetime", params: { type: "datetime_parsing" } });
      return z.NEVER;
    }
    if (!read.aware) {
      ctx.addIssue({ code: "custom", message: "Input should have timezone info", params: { type: "timezone_aware" } });
      return z.NEVER;
    }
    const t = read.instant.getTime();
    const current = now();
    if (t >= current) {
      ctx.addIssue({ code: "custom", message: "Input should be in the past", params: { type: "datetime_past" } });
      return z.NEVER;
    }
    if (t < current - maxAgeMs) {
      ctx.addIssue({ code: "custom", message: `Value error, ${value} is older than 1 day, 0:00:00`, params: { type: "value_error" } });
      return z.NEVER;
    }
    return read.instant;
  });
}

/** A date-time filter of a query (`from`): any ISO date-time in the past (pydantic's PastDatetime). */
export const pastDatetimeFilter = z.string().transform((value, ctx) => {
  const read = readIsoDatetime(value);
  if (!read) {
    ctx.addIssue({ code: "custom", message: "Input should be a valid datetime", params: { type: "datetime_parsing" } });
    return z.NEVER;
  }
  if (read.instant.getTime() >= Date.now()) {
    ctx.addIssue({ code: "custom", message: "Input should be in the past", params: { type: "datetime_past" } });
    return z.NEVER;
  }
  return read.instant;
});

const etatPrise = z.enum(ETATS_PRISE).nullish();

export const statusCreate = z.object({
  id_pdc_itinerance: z.string().regex(ID_ITINERANCE_PATTERN),
  etat_pdc: z.enum(ETATS_PDC),
  occupation_pdc: z.enum(OCCUPATIONS_PDC),
  horodatage: awarePastDatetime(STATUS_MAX_AGE_MS),
  etat_prise_type_2: etatPrise,
  etat_prise_type_combo_ccs: etatPrise,
  etat_prise_type_chademo: etatPrise,
  etat_prise_type_ef: etatPrise,
});

export type StatusCreate = z.infer<typeof statusCreate>;

/** A bulk: 1 to `max` statuses (QUALICHARGE_BULK_MAX). */
export function statusBulk(max: number) {
  return z.array(statusCreate).min(1).max(max);
}
