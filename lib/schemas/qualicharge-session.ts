import { z } from "zod";

// A charging session as QualiCharge's API v1 receives it (POST /dynamique/session/ and /bulk;
// ../shared/docs/QUALICHARGE.md, "Session"), with pydantic's error types and English messages,
// since operators' clients written for QualiCharge read them: the door turns these issues into
// FastAPI's 422 `detail` (lib/channels/qualicharge/validation-details.ts reads `params.type`).
//   id_pdc_itinerance  QualiCharge's dynamic pattern (two letters, then 4–33 letters or digits);
//   start, end         timezone-aware date-times (a naive one is refused), not in the future,
//                      start at most 365 days old, start ≤ end, at most 7 days apart;
//   energy             kWh, 0–1,000.
// Unknown fields are ignored, as QualiCharge's models do.

export const SESSION_MAX_AGE_DAYS = 365;
export const SESSION_MAX_DAYS = 7;
export const SESSION_MAX_ENERGY_KWH = 1000;
export const ID_PDC_PATTERN = /^[A-Z]{2}[A-Z0-9]{4,33}$/;

const DAY_MS = 86_400_000;

// ISO 8601 / RFC 3339 as pydantic reads it: date, "T" or space, time with optional seconds and
// fraction, then the offset ("Z" or ±HH[:MM]) that makes it timezone-aware.
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2})?)?$/;

type Issue = { type: string; msg: string };

/** The instant of an aware date-time string (ms since the epoch), or the issue pydantic would raise. */
export function parseAwareDatetime(value: string): { ms: number } | Issue {
  const m = DATETIME.exec(value);
  if (!m) return { type: "datetime_from_date_parsing", msg: "Input should be a valid datetime or date, invalid character in year" };
  const [, y, mo, d, h, mi, s = "0", frac = "0", z, sign, oh, om = "0"] = m;
  const fields = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)] as const;
  const local = Date.UTC(...fields) + Math.floor(Number(`0.${frac}`) * 1000);
  const check = new Date(Date.UTC(...fields));
  if (check.getUTCMonth() !== fields[1] || check.getUTCDate() !== fields[2] || fields[3] > 23 || fields[4] > 59 || fields[5] > 59)
    return { type: "datetime_from_date_parsing", msg: "Input should be a valid datetime or date, day value is outside expected range" };
  if (!z && !sign) return { type: "timezone_aware", msg: "Input should have timezone info" };
  const offsetMin = sign ? (sign === "-" ? -1 : 1) * (Number(oh) * 60 + Number(om)) : 0;
  if (Math.abs(offsetMin) >= 24 * 60)
    return { type: "datetime_from_date_parsing", msg: "Input should be a valid datetime or date, timezone offset out of range" };
  return { ms: local - offsetMin * 60_000 };
}

const custom = (ctx: z.RefinementCtx, issue: Issue, path: PropertyKey[] = []) =>
  ctx.addIssue({ code: "custom", message: issue.msg, params: { type: issue.type }, path });

/** A past, aware date-time, returned as a Date (ms precision). */
function pastDatetime(now: () => number) {
  return z.string({ error: (i) => (i.input === undefined ? "Field required" : "Input should be a valid datetime") }).transform((value, ctx) => {
    const parsed = parseAwareDatetime(value.trim());
    if (!("ms" in parsed)) {
      custom(ctx, parsed);
      return z.NEVER;
    }
    if (parsed.ms > now()) {
      custom(ctx, { type: "datetime_past", msg: "Input should be in the past" });
      return z.NEVER;
    }
    return new Date(parsed.ms);
  });
}

/** Energy in kWh: a number (or a numeric string, as pydantic's lax mode), 0–1,000. */
const energy = z.preprocess(
  (v) => (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : v),
  z
    .number({ error: (i) => (i.input === undefined ? "Field required" : "Input should be a valid number") })
    .min(0, "Input should be greater than or equal to 0")
    .max(SESSION_MAX_ENERGY_KWH, `Input should be less than or equal to ${SESSION_MAX_ENERGY_KWH}`),
);

/** One session; `now` is read at each parse (the rules are relative to the time of the call). */
export function sessionSchema(now: () => number = Date.now) {
  const fields = z.object({
    id_pdc_itinerance: z
      .string({ error: (i) => (i.input === undefined ? "Field required" : "Input should be a valid string") })
      .regex(ID_PDC_PATTERN, `String should match pattern '${ID_PDC_PATTERN.source}'`),
    start: pastDatetime(now).superRefine((start, ctx) => {
      if (start.getTime() < now() - SESSION_MAX_AGE_DAYS * DAY_MS)
        custom(ctx, { type: "value_error", msg: `Value error, ${start.toISOString()} is older than ${SESSION_MAX_AGE_DAYS} days, 0:00:00` });
    }),
    end: pastDatetime(now),
    energy,
  });
  // pydantic's model validator: runs once every field is valid (a pipe, since zod runs an
  // object's refinements after some field issues); its `loc` is the item itself.
  return fields.pipe(
    z.custom<z.output<typeof fields>>().superRefine((s, ctx) => {
      if (s.start.getTime() > s.end.getTime()) custom(ctx, { type: "value_error", msg: "Value error, A session cannot start after it has ended." });
      else if (s.end.getTime() - s.start.getTime() > SESSION_MAX_DAYS * DAY_MS)
        custom(ctx, { type: "value_error", msg: `Value error, A session cannot last more than ${SESSION_MAX_DAYS} days.` });
    }),
  );
}

export type Session = z.output<ReturnType<typeof sessionSchema>>;

/**
 * A bulk's items (its length is checked first, by bulkLengthIssue). One session is one point and
 * one start (to the second, as stored): sent twice identically it is one session; sent twice
 * with another end or energy the bulk is ambiguous, and refused at the later item.
 */
export function sessionBulkSchema(now: () => number = Date.now) {
  const list = z.array(sessionSchema(now), { error: "Input should be a valid list" });
  // A pipe: the duplicates are looked for once every item is valid.
  return list.pipe(
    z.custom<z.output<typeof list>>().superRefine((items, ctx) => {
      const seen = new Map<string, number>();
      items.forEach((s, i) => {
        const key = `${s.id_pdc_itinerance}|${Math.floor(s.start.getTime() / 1000)}`;
        const first = seen.get(key);
        if (first === undefined) return void seen.set(key, i);
        const other = items[first];
        const same =
          Math.floor(other.end.getTime() / 1000) === Math.floor(s.end.getTime() / 1000) && Math.round(other.energy * 1000) === Math.round(s.energy * 1000);
        if (!same)
          custom(
            ctx,
            { type: "value_error", msg: `Value error, Duplicate session: item ${first} has the same id_pdc_itinerance and start with another end or energy.` },
            [i],
          );
      });
    }),
  );
}

/** The length check of a bulk, before its items are validated (pydantic's Len on the list). */
export function bulkLengthIssue(length: number, max: number): Issue | null {
  if (length === 0) return { type: "too_short", msg: "List should have at least 1 item after validation, not 0" };
  if (length > max) return { type: "too_long", msg: `List should have at most ${max} items after validation, not ${length}` };
  return null;
}
