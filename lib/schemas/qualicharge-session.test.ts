import { describe, expect, it } from "vitest";
import { bulkLengthIssue, parseAwareDatetime, sessionBulkSchema, sessionSchema } from "@/lib/schemas/qualicharge-session";

// The session's rules without a server, at a fixed "now".
const NOW = Date.parse("2026-06-15T12:00:00Z");
const now = () => NOW;
const ok = { id_pdc_itinerance: "FRABCE123", start: "2026-06-15T08:00:00Z", end: "2026-06-15T09:30:00Z", energy: 12.5 };
const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string; params?: unknown }[] } }) =>
  (r.error?.issues ?? []).map((i) => ({ path: i.path, message: i.message, type: (i.params as { type?: string } | undefined)?.type }));

describe("parseAwareDatetime", () => {
  it("reads RFC 3339 and pydantic's other forms, and tells a naive one from an invalid one", () => {
    expect(parseAwareDatetime("2026-06-15T10:00:00+02:00")).toEqual({ ms: Date.parse("2026-06-15T08:00:00Z") });
    expect(parseAwareDatetime("2026-06-15 10:00:00.250+0200")).toEqual({ ms: Date.parse("2026-06-15T08:00:00.250Z") });
    expect(parseAwareDatetime("2026-06-15T08:00Z")).toEqual({ ms: Date.parse("2026-06-15T08:00:00Z") });
    expect(parseAwareDatetime("2026-06-15T08:00:00-05")).toEqual({ ms: Date.parse("2026-06-15T13:00:00Z") });
    expect(parseAwareDatetime("2026-06-15T08:00:00")).toMatchObject({ type: "timezone_aware" });
    expect(parseAwareDatetime("2026-06-31T08:00:00Z")).toMatchObject({ type: "datetime_from_date_parsing" });
    expect(parseAwareDatetime("2026-06-15T24:00:00Z")).toMatchObject({ type: "datetime_from_date_parsing" });
    expect(parseAwareDatetime("hier")).toMatchObject({ type: "datetime_from_date_parsing" });
  });
});

describe("sessionSchema", () => {
  it("accepts a valid session and gives its instants", () => {
    const r = sessionSchema(now).safeParse({ ...ok, extra: "ignored", energy: "12.5" });
    expect(r.success && r.data).toEqual({ id_pdc_itinerance: "FRABCE123", start: new Date(ok.start), end: new Date(ok.end), energy: 12.5 });
  });

  it("checks the age at the time of the call: 365 days old is accepted, a second more is not", () => {
    const old = new Date(NOW - 365 * 86_400_000).toISOString();
    expect(sessionSchema(now).safeParse({ ...ok, start: old, end: new Date(NOW - 364 * 86_400_000).toISOString() }).success).toBe(true);
    const older = new Date(NOW - 365 * 86_400_000 - 1000).toISOString();
    expect(issues(sessionSchema(now).safeParse({ ...ok, start: older, end: ok.end }))).toEqual([
      { path: ["start"], type: "value_error", message: `Value error, ${older} is older than 365 days, 0:00:00` },
    ]);
  });

  it("runs the item's own rules (order, length) only once its fields are valid, as pydantic's model validator", () => {
    const reversed = { ...ok, start: ok.end, end: ok.start };
    expect(issues(sessionSchema(now).safeParse(reversed))).toEqual([
      { path: [], type: "value_error", message: "Value error, A session cannot start after it has ended." },
    ]);
    expect(issues(sessionSchema(now).safeParse({ ...reversed, energy: -1 }))).toEqual([
      { path: ["energy"], type: undefined, message: "Input should be greater than or equal to 0" },
    ]);
    const week = { ...ok, start: "2026-06-08T08:00:00Z", end: "2026-06-15T08:00:00Z" };
    expect(sessionSchema(now).safeParse(week).success).toBe(true);
    expect(issues(sessionSchema(now).safeParse({ ...week, end: "2026-06-15T08:00:01Z" }))[0].message).toBe(
      "Value error, A session cannot last more than 7 days.",
    );
  });
});

describe("sessionBulkSchema", () => {
  it("refuses two items of one point and start that differ, after the items are valid", () => {
    expect(sessionBulkSchema(now).safeParse([ok, { ...ok }]).success).toBe(true);
    expect(issues(sessionBulkSchema(now).safeParse([ok, { ...ok, start: "2026-06-15T08:00:00.400Z", energy: 13 }]))).toEqual([
      { path: [1], type: "value_error", message: expect.stringMatching(/^Value error, Duplicate session: item 0/) },
    ]);
    expect(issues(sessionBulkSchema(now).safeParse([ok, { ...ok, energy: -1 }]))).toHaveLength(1);
  });

  it("caps the length", () => {
    expect(bulkLengthIssue(0, 3)).toMatchObject({ type: "too_short" });
    expect(bulkLengthIssue(3, 3)).toBeNull();
    expect(bulkLengthIssue(4, 3)).toEqual({ type: "too_long", msg: "List should have at most 3 items after validation, not 4" });
  });
});
