import { describe, expect, it } from "vitest";
import { BodyBudget } from "@/lib/channels/advenir/body-budget";
import { IngestError } from "@/lib/channels/advenir/errors";

function refusal(f: () => void): number | null {
  try {
    f();
    return null;
  } catch (e) {
    return e instanceof IngestError ? e.status : -1;
  }
}

describe("BodyBudget", () => {
  it("admits bodies up to the budget together, refuses the one that would go over with 503 + Retry-After, and frees on release", () => {
    const budget = new BodyBudget(100);
    const a = budget.open();
    const b = budget.open();
    a.charge(60);
    b.charge(40);
    expect(budget.inFlight).toBe(100);
    const c = budget.open();
    expect(refusal(() => c.charge(1))).toBe(503);
    try {
      c.charge(1);
    } catch (e) {
      expect((e as IngestError).headers).toEqual({ "Retry-After": "2" });
    }
    a.release();
    a.release(); // twice is harmless
    expect(budget.inFlight).toBe(40);
    expect(refusal(() => c.charge(60))).toBeNull();
    b.release();
    c.release();
    expect(budget.inFlight).toBe(0);
  });

  it("never refuses a body alone in progress, whatever its size; a second one waits for it", () => {
    const budget = new BodyBudget(100);
    const big = budget.open();
    big.chargeUpTo(500);
    big.charge(300);
    expect(big.bytes).toBe(800);
    const small = budget.open();
    expect(refusal(() => small.charge(1))).toBe(503);
    big.release();
    expect(refusal(() => small.charge(1))).toBeNull();
  });

  it("charges a declared length once: chargeUpTo only adds what is beyond it", () => {
    const budget = new BodyBudget(1000);
    const claim = budget.open();
    claim.chargeUpTo(300);
    claim.chargeUpTo(200);
    claim.chargeUpTo(350);
    expect(budget.inFlight).toBe(350);
  });
});
