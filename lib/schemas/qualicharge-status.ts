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

/** The digits of `value` from `start` to `end` as a number; NaN when one is not a digit. */
function digitsAt(value: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    n = n * 10 + d;
  }
  return n;
}

/**
 * The UTC instant of the form most clients send (JavaScript's toISOString(): 2026-12-05T10:00:00.000Z,
 * or without milliseconds), read without a regular expression; NaN for any other form or a value
 * that is not a calendar date and time, which the general reading then decides.
 */
function canonicalUtc(value: string): number {
  const n = value.length;
  if ((n !== 24 && n !== 20) || value[n - 1] !== "Z" || value[4] !== "-" || value[7] !== "-" || value[10] !== "T" || value[13] !== ":" || value[16] !== ":")
    return Number.NaN;
  if (n === 24 && value[19] !== ".") return Number.NaN;
  const d = digitsAt(value, 8, 10);
  const mo = digitsAt(value, 5, 7);
  const h = digitsAt(value, 11, 13);
  const mi = digitsAt(value, 14, 16);
  const sec = digitsAt(value, 17, 19);
  const ms = n === 24 ? digitsAt(value, 20, 23) : 0;
  if (!(mo >= 1 && mo <= 12 && d >= 1 && h <= 23 && mi <= 59 && sec <= 59 && ms >= 0)) return Number.NaN;
  const t = Date.UTC(digitsAt(value, 0, 4), mo - 1, d, h, mi, sec, ms);
  return new Date(t).getUTCDate() === d ? t : Number.NaN;
}

/** The instant of an ISO date-time string; null when it cannot be read; `aware` whether it names its offset. */
export function readIsoDatetime(value: string): { instant: Date; aware: boolean } | null {
  const utc = canonicalUtc(value);
  if (!Number.isNaN(utc)) return { instant: new Date(utc), aware: true };
  // Computed from the numbers (no string rebuilt nor reparsed): this runs for every status of a bulk.
  const m = ISO_DATETIME.exec(value);
  if (!m) return null;
  const y = +m[1];
  const mo = +m[2];
  const d = +m[3];
  const h = +m[4];
  const mi = +m[5];
  const sec = m[6] === undefined ? 0 : +m[6];
  const ms = m[7] === undefined ? 0 : Math.floor(+`0.${m[7]}` * 1000);
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 59) return null;
  const local = Date.UTC(y, mo - 1, d, h, mi, sec, ms);
  // Date.UTC rolls 2026-02-30 over to March: refuse what is not a calendar date.
  if (new Date(local).getUTCDate() !== d) return null;
  const offset = m[8];
  if (offset === undefined) return { instant: new Date(local), aware: false };
  return { instant: new Date(local - offsetMinutes(offset) * 60_000), aware: true };
}

function offsetMinutes(offset: string): number {
  if (offset === "Z" || offset === "z") return 0;
  const digits = offset.length === 3 ? `${offset.slice(1)}00` : offset.slice(1).replace(":", "");
  const minutes = +digits.slice(0, 2) * 60 + +digits.slice(2, 4);
  return offset[0] === "-" ? -minutes : minutes;
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

const ETAT_PDC_SET: ReadonlySet<unknown> = new Set(ETATS_PDC);
const OCCUPATION_SET: ReadonlySet<unknown> = new Set(OCCUPATIONS_PDC);
const ETAT_PRISE_SET: ReadonlySet<unknown> = new Set(ETATS_PRISE);
const STATUS_KEYS: ReadonlySet<string> = new Set(Object.keys(statusCreate.shape));
const PRISE_KEYS = ["etat_prise_type_2", "etat_prise_type_combo_ccs", "etat_prise_type_chademo", "etat_prise_type_ef"] as const;

/**
 * The common case of statusCreate without zod's machinery: a plain object holding only known
 * keys, each valid. Returns what statusCreate would return, or null for anything else (the
 * caller then runs statusCreate, which words the errors). A bulk of 1,000 statuses is validated
 * for each call of the hottest endpoint; this takes a fifth of zod's time (issue 17's benchmark).
 */
export function readValidStatus(value: unknown, now: number = Date.now()): StatusCreate | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const o = value as Record<string, unknown>;
  for (const key in o) if (!STATUS_KEYS.has(key)) return null;
  const id = o.id_pdc_itinerance;
  if (typeof id !== "string" || !ID_ITINERANCE_PATTERN.test(id)) return null;
  if (!ETAT_PDC_SET.has(o.etat_pdc) || !OCCUPATION_SET.has(o.occupation_pdc)) return null;
  if (typeof o.horodatage !== "string") return null;
  const read = readIsoDatetime(o.horodatage);
  if (!read?.aware) return null;
  const t = read.instant.getTime();
  if (t >= now || t < now - STATUS_MAX_AGE_MS) return null;
  const out: Record<string, unknown> = {
    id_pdc_itinerance: id,
    etat_pdc: o.etat_pdc,
    occupation_pdc: o.occupation_pdc,
    horodatage: read.instant,
  };
  for (const key of PRISE_KEYS) {
    if (!(key in o)) continue;
    const v = o[key];
    if (v !== null && v !== undefined && !ETAT_PRISE_SET.has(v)) return null;
    out[key] = v;
  }
  return out as StatusCreate;
}
