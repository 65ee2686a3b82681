import { describe, expect, it } from "vitest";
import { sessionStillValid } from "@/lib/auth/session-validity";

describe("sessionStillValid", () => {
  const cutOff = new Date("2026-11-23T10:00:00Z");
  it("keeps every session of an account never disabled", () => {
    expect(sessionStillValid(undefined, null)).toBe(true);
    expect(sessionStillValid(0, null)).toBe(true);
  });
  it("voids sessions opened before the cut-off, and those whose opening is unknown", () => {
    expect(sessionStillValid(cutOff.getTime() - 1, cutOff)).toBe(false);
    expect(sessionStillValid(undefined, cutOff)).toBe(false);
  });
  it("keeps sessions opened from the cut-off on", () => {
    expect(sessionStillValid(cutOff.getTime(), cutOff)).toBe(true);
    expect(sessionStillValid(cutOff.getTime() + 60_000, cutOff)).toBe(true);
  });
});
